// The one billing profile the emulator serves, with its etag; persisted to the --data file (when
// given) after every change.
import { BindError, bindProfile } from './binding';
import { lockDataFile, type DataLock } from './data-lock';
import { DataFileError, readDataFile, removeStaleTempFiles, writeDataFileAtomically } from './persistence';
import { afterPatch } from './updates';
import {
  cloneProfile,
  compactProfile,
  defaultProfileData,
  newEtag,
  toApiJson,
  type ProfileData,
  type StoredProfile,
} from './profile';
import { validateProfile } from './validation';

export class ProfileStore {
  private profile: StoredProfile;

  private constructor(
    private readonly initial: ProfileData,
    private readonly file: string | undefined,
    loaded: StoredProfile | undefined,
    private readonly lock: DataLock | undefined,
  ) {
    this.profile = loaded ?? { ...cloneProfile(initial), etag: newEtag() };
    if (!loaded) this.save();
  }

  /**
   * Loads the data file (creating it with the initial profile when missing) or starts in memory.
   * The file is locked until close(): a second emulator on it fails here (data-lock.ts).
   */
  static open(opts: { file?: string; initialProfile?: object }): ProfileStore {
    const initial = opts.initialProfile ? profileFromJson(opts.initialProfile, 'initialProfile') : defaultProfileData();
    const lock = opts.file ? lockDataFile(opts.file) : undefined;
    try {
      if (opts.file) removeStaleTempFiles(opts.file);
      const raw = opts.file ? readDataFile(opts.file) : undefined;
      const loaded = raw === undefined ? undefined : storedFromJson(raw, `emulator data file ${opts.file}`);
      return new ProfileStore(initial, opts.file, loaded, lock);
    } catch (e) {
      lock?.release();
      throw e;
    }
  }

  /** Releases the data file for another emulator. */
  close(): void {
    this.lock?.release();
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
    this.save();
    return this.current;
  }

  reset(): StoredProfile {
    return this.replace(this.initial);
  }

  private save(): void {
    if (this.file) writeDataFileAtomically(this.file, toApiJson(this.profile));
  }
}

function profileFromJson(json: unknown, what: string): ProfileData {
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

function storedFromJson(json: unknown, what: string): StoredProfile {
  const data = profileFromJson(json, what);
  const etag = bindProfile(json).etag;
  return { ...data, etag: etag ?? newEtag() };
}
