// Every partner profile the emulator serves, by name and by API path.
import { BILLING } from './billing';
import { LEGAL_BUSINESS } from './legalbusiness';
import { MPN } from './mpn';
import { ORGANIZATION } from './organization';
import type { ProfileName, ProfileSpec } from './spec';
import { SUPPORT } from './support';

export const PROFILE_SPECS: readonly ProfileSpec[] = [BILLING, SUPPORT, ORGANIZATION, LEGAL_BUSINESS, MPN];
export const PROFILE_NAMES: readonly ProfileName[] = PROFILE_SPECS.map((s) => s.name);

export function specNamed(name: string): ProfileSpec | undefined {
  return PROFILE_SPECS.find((s) => s.name === name);
}

/** The profile a /v1 path belongs to: its GET path or one of its PUT paths, exactly. */
export function specAt(path: string): ProfileSpec | undefined {
  return PROFILE_SPECS.find((s) => s.path === path || s.putPaths.includes(path));
}

export { BILLING, LEGAL_BUSINESS, MPN, ORGANIZATION, SUPPORT };
export type { ProfileName, ProfileSpec };
