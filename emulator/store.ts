// One tenant's copy of one partner profile, with its version (etag). The tenant registry
// (tenants.ts) saves the data file after every change.
import { BindError, bindProfile } from './binding';
import { DataFileError } from './persistence';
import { cloneProfile, compactProfile, newEtag, type ProfileData, type StoredProfile } from './profile';
import type { ProfileSpec } from './profiles/spec';
import { afterPatch } from './updates';
import { validateProfile } from './validation';

export class ProfileStore {
  private profile: StoredProfile;
  private finalized: StoredProfile | undefined;
  /** False once a change was stored since the start or the last reset (or the file held this profile). */
  private pristine: boolean;

  /** Starts from `loaded` (the data file), else from `initial`; `onChange` runs after every change. */
  constructor(
    readonly spec: ProfileSpec,
    private readonly initial: ProfileData,
    loaded: { profile: StoredProfile; finalized?: StoredProfile } | undefined,
    private readonly onChange: () => void,
  ) {
    this.profile = loaded?.profile ?? { ...cloneProfile(initial), etag: newEtag() };
    this.finalized = loaded?.finalized;
    this.pristine = loaded === undefined;
  }

  get current(): StoredProfile {
    return cloneProfile(this.profile);
  }

  /** The current version, without copying the profile. */
  get etag(): string {
    return this.profile.etag;
  }

  /** True while it holds its initial data, never changed (the data file then need not hold it). */
  get isPristine(): boolean {
    return this.pristine;
  }

  /** The version kept when a review of it last ended (spec.finalDecision), if any. */
  get lastFinalized(): StoredProfile | undefined {
    return this.finalized && cloneProfile(this.finalized);
  }

  /** Stores `data` as the new version with a fresh etag. */
  replace(data: ProfileData): StoredProfile {
    const before = this.profile;
    this.profile = { ...compactProfile(this.spec, cloneProfile(data)), etag: newEtag() };
    this.pristine = false;
    const decision = this.spec.finalDecision?.(this.profile);
    if (decision !== undefined && decision !== this.spec.finalDecision?.(before)) this.finalized = this.current;
    this.onChange();
    return this.current;
  }

  /** Back to the initial data (a new etag), with no finalized version. */
  reset(): StoredProfile {
    this.profile = { ...compactProfile(this.spec, cloneProfile(this.initial)), etag: newEtag() };
    this.finalized = undefined;
    this.pristine = true;
    this.onChange();
    return this.current;
  }
}

/** A profile given as the API returns it (a data file, an option, an admin call), checked. */
export function profileFromJson(spec: ProfileSpec, json: unknown, what: string): ProfileData {
  try {
    // Every field given, the extra ones included, as a PATCH of an empty profile would store them.
    const data = afterPatch(spec, {}, bindProfile(spec, json));
    const problem = validateProfile(spec, data);
    if (problem) throw new BindError(problem.field, problem.message);
    return data;
  } catch (e) {
    if (e instanceof BindError) throw new DataFileError(`${what} is not a valid ${spec.name} profile: ${e.message}`);
    throw e;
  }
}

/** Like profileFromJson, keeping the etag the JSON holds (a new one when it holds none). */
export function storedFromJson(spec: ProfileSpec, json: unknown, what: string): StoredProfile {
  const data = profileFromJson(spec, json, what);
  const etag = bindProfile(spec, json).etag;
  return { ...data, etag: etag ?? newEtag() };
}
