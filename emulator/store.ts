// One tenant's billing profile, with its etag. The tenant registry (tenants.ts) saves the data
// file after every change.
import { BindError, bindProfile } from './binding';
import { DataFileError } from './persistence';
import { afterPatch } from './updates';
import { cloneProfile, compactProfile, newEtag, type ProfileData, type StoredProfile } from './profile';
import { validateProfile } from './validation';

export class ProfileStore {
  private profile: StoredProfile;

  /** Starts from `loaded` (the data file), else from `initial`; `onChange` runs after every change. */
  constructor(
    private readonly initial: ProfileData,
    loaded: StoredProfile | undefined,
    private readonly onChange: () => void,
  ) {
    this.profile = loaded ?? { ...cloneProfile(initial), etag: newEtag() };
  }

  get current(): StoredProfile {
    return cloneProfile(this.profile);
  }

  /** The current version, without copying the profile. */
  get etag(): string {
    return this.profile.etag;
  }

  /** Stores `data` as the new version with a fresh etag. */
  replace(data: ProfileData): StoredProfile {
    this.profile = { ...compactProfile(cloneProfile(data)), etag: newEtag() };
    this.onChange();
    return this.current;
  }

  reset(): StoredProfile {
    return this.replace(this.initial);
  }
}

/** A profile given as the API returns it (a data file, an option, an admin call), checked. */
export function profileFromJson(json: unknown, what: string): ProfileData {
  try {
    // Every field given, the extra ones included, as a PATCH of an empty profile would store them.
    const data = afterPatch({}, bindProfile(json));
    const problem = validateProfile(data);
    if (problem) throw new BindError(problem.field, problem.message);
    return data;
  } catch (e) {
    if (e instanceof BindError) throw new DataFileError(`${what} is not a valid billing profile: ${e.message}`);
    throw e;
  }
}

/** Like profileFromJson, keeping the etag the JSON holds (a new one when it holds none). */
export function storedFromJson(json: unknown, what: string): StoredProfile {
  const data = profileFromJson(json, what);
  const etag = bindProfile(json).etag;
  return { ...data, etag: etag ?? newEtag() };
}
