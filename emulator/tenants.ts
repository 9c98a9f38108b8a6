// The partner tenants the emulator serves (docs/architecture.md §6.5): each with its own copy of
// every partner profile (profiles/) and its own PUT replay cache, as each Partner Center partner
// has its own. The default tenant always exists; tests add others (POST /_emulator/tenants).
//
// The --data file holds them all. While only billing profiles were ever changed it keeps the
// formats of the emulator before the other profiles: the default tenant's billing profile alone as
// the API returns it (one tenant), or {"format": "partnercenter-emulator-tenants", "tenants":
// {"<tenant id>": <billing profile>, ...}}. Once another profile changed it holds every profile:
// {"format": "partnercenter-emulator-profiles", "tenants": {"<tenant id>": {"billing": <profile>,
// "support": …, "organization": …, "legalbusiness": …, "mpn": …, "legalbusinessLastFinalized"?: …}}}.
// All three are read; a profile a file lacks starts from its default.
import { lockDataFile, type DataLock } from './data-lock';
import { DataFileError, readDataFile, removeStaleTempFiles, writeDataFileAtomically } from './persistence';
import { toApiJson, type ProfileData, type StoredProfile } from './profile';
import { BILLING, LEGAL_BUSINESS, PROFILE_SPECS, type ProfileName } from './profiles';
import { ProfileStore, profileFromJson, storedFromJson } from './store';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface Tenant {
  /** As configured or added: the spelling its tokens carry in `tid`. */
  readonly id: string;
  /** Its billing profile (the same store as profiles.billing). */
  readonly store: ProfileStore;
  readonly profiles: Readonly<Record<ProfileName, ProfileStore>>;
  /** First response of each PUT, by profile and MS-RequestId, replayed when the same id comes again. */
  readonly replays: Map<string, StoredResponse>;
}

export const TENANTS_FILE_FORMAT = 'partnercenter-emulator-tenants';
export const PROFILES_FILE_FORMAT = 'partnercenter-emulator-profiles';
/** The key of a tenant entry holding the last finalized legal business profile. */
const LAST_FINALIZED_KEY = 'legalbusinessLastFinalized';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** A tenant id as Entra ID has them: a GUID, or (for the default tenant of older setups) a domain name. */
export function isTenantId(id: string): boolean {
  return GUID.test(id) || DOMAIN.test(id);
}

/** The authorities of Entra ID that name no tenant: the emulator gives them its default tenant. */
export const MULTI_TENANT_AUTHORITIES: ReadonlySet<string> = new Set(['common', 'organizations']);

export class TenantExistsError extends Error {}

type LoadedProfiles = Partial<Record<ProfileName, { profile: StoredProfile; finalized?: StoredProfile }>>;
interface LoadedTenant {
  id: string;
  profiles: LoadedProfiles;
}

function isObject(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

function isFileOf(format: string, json: unknown): json is { format: string; tenants: Record<string, unknown> } {
  return isObject(json) && json.format === format && isObject(json.tenants);
}

/** One tenant entry of the profiles format: each profile it holds, checked against its spec. */
function loadProfiles(json: unknown, what: string): LoadedProfiles {
  if (!isObject(json)) throw new DataFileError(`${what} must be an object of profiles by name`);
  const out: LoadedProfiles = {};
  for (const spec of PROFILE_SPECS) {
    if (json[spec.name] === undefined) continue;
    out[spec.name] = { profile: storedFromJson(spec, json[spec.name], `${what}, ${spec.name}`) };
  }
  const finalized = json[LAST_FINALIZED_KEY];
  const legal = out.legalbusiness;
  if (finalized !== undefined && legal)
    legal.finalized = storedFromJson(LEGAL_BUSINESS, finalized, `${what}, ${LAST_FINALIZED_KEY}`);
  return out;
}

export class TenantRegistry {
  private readonly byKey = new Map<string, Tenant>();
  readonly default: Tenant;

  private constructor(
    defaultTenantId: string,
    initial: ProfileData,
    loaded: Map<string, LoadedTenant>,
    private readonly file: string | undefined,
    private readonly lock: DataLock | undefined,
  ) {
    const own = loaded.get(defaultTenantId.toLowerCase());
    this.default = this.put(defaultTenantId, initial, own?.profiles ?? {});
    for (const [key, t] of loaded)
      if (key !== defaultTenantId.toLowerCase()) this.put(t.id, BILLING.defaults(t.id), t.profiles);
    if (file && !own) this.save();
  }

  /**
   * Loads the data file (creating it when missing) or starts in memory. The file is locked until
   * close(): a second emulator on it fails here (data-lock.ts).
   */
  static open(opts: { file?: string; defaultTenantId: string; initialProfile?: object }): TenantRegistry {
    const initial = opts.initialProfile
      ? profileFromJson(BILLING, opts.initialProfile, 'initialProfile')
      : BILLING.defaults(opts.defaultTenantId);
    const lock = opts.file ? lockDataFile(opts.file) : undefined;
    try {
      if (opts.file) removeStaleTempFiles(opts.file);
      const raw = opts.file ? readDataFile(opts.file) : undefined;
      const loaded = new Map<string, LoadedTenant>();
      const what = `emulator data file ${opts.file}`;
      const billingOnly = (id: string, json: unknown, label: string) =>
        loaded.set(id.toLowerCase(), { id, profiles: { billing: { profile: storedFromJson(BILLING, json, label) } } });
      if (isFileOf(PROFILES_FILE_FORMAT, raw)) {
        for (const [id, json] of Object.entries(raw.tenants))
          loaded.set(id.toLowerCase(), { id, profiles: loadProfiles(json, `${what} (tenant ${id})`) });
      } else if (isFileOf(TENANTS_FILE_FORMAT, raw)) {
        for (const [id, json] of Object.entries(raw.tenants)) billingOnly(id, json, `${what} (tenant ${id})`);
      } else if (raw !== undefined) {
        billingOnly(opts.defaultTenantId, raw, what);
      }
      return new TenantRegistry(opts.defaultTenantId, initial, loaded, opts.file, lock);
    } catch (e) {
      lock?.release();
      throw e;
    }
  }

  /** The tenant with this id (any letter case), if the emulator serves it. */
  find(id: string): Tenant | undefined {
    return this.byKey.get(id.toLowerCase());
  }

  list(): Tenant[] {
    return [...this.byKey.values()];
  }

  /** A new tenant with its own profiles (`profile`: its billing profile as the API returns one, else the default). */
  add(id: string, profile?: object): Tenant {
    if (this.find(id)) throw new TenantExistsError(`tenant ${id} exists already`);
    const tenant = this.put(id, profile ? profileFromJson(BILLING, profile, 'profile') : BILLING.defaults(id), {});
    this.save();
    return tenant;
  }

  /** Every tenant's profiles back to their initial data, every replay cache emptied. */
  resetAll(): void {
    for (const t of this.byKey.values()) {
      t.replays.clear();
      for (const store of Object.values(t.profiles)) store.reset();
    }
  }

  /** Releases the data file for another emulator. */
  close(): void {
    this.lock?.release();
  }

  private put(id: string, billingInitial: ProfileData, loaded: LoadedProfiles): Tenant {
    const onChange = () => this.save();
    const profiles = Object.fromEntries(
      PROFILE_SPECS.map((spec) => [
        spec.name,
        new ProfileStore(spec, spec === BILLING ? billingInitial : spec.defaults(id), loaded[spec.name], onChange),
      ]),
    ) as Record<ProfileName, ProfileStore>;
    const tenant: Tenant = { id, store: profiles.billing, profiles, replays: new Map() };
    this.byKey.set(id.toLowerCase(), tenant);
    return tenant;
  }

  private save(): void {
    if (!this.file) return;
    const tenants = this.list();
    const billingOnly = tenants.every((t) =>
      Object.values(t.profiles).every((s) => s.spec === BILLING || s.isPristine),
    );
    let content: unknown;
    if (!billingOnly) {
      content = {
        format: PROFILES_FILE_FORMAT,
        tenants: Object.fromEntries(tenants.map((t) => [t.id, tenantEntry(t)])),
      };
    } else if (tenants.length === 1) {
      content = toApiJson(BILLING, this.default.store.current);
    } else {
      content = {
        format: TENANTS_FILE_FORMAT,
        tenants: Object.fromEntries(tenants.map((t) => [t.id, toApiJson(BILLING, t.store.current)])),
      };
    }
    writeDataFileAtomically(this.file, content);
  }
}

/**
 * A tenant's profiles as the data file holds them: as the API returns them, except that the
 * etag is kept for every profile (in attributes.etag), so versions survive a restart.
 */
function tenantEntry(t: Tenant): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const store of Object.values(t.profiles)) out[store.spec.name] = fileJson(store.spec.name, store.current, t);
  const finalized = t.profiles.legalbusiness.lastFinalized;
  if (finalized) out[LAST_FINALIZED_KEY] = fileJson('legalbusiness', finalized, t);
  return out;
}

function fileJson(name: ProfileName, p: StoredProfile, t: Tenant): Record<string, unknown> {
  const json = toApiJson(t.profiles[name].spec, p);
  return { ...json, attributes: { ...(json.attributes as object), etag: p.etag } };
}
