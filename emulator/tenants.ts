// The partner tenants the emulator serves (docs/architecture.md §6.5): each with its own billing
// profile and PUT replay cache, as each Partner Center partner has its own. The default tenant
// always exists; tests add others (POST /_emulator/tenants). The --data file holds them all: the
// default tenant's profile alone as the API returns it (the format of a single-tenant emulator,
// still read and written as long as there is one tenant), or, once there are several,
// {"format": "partnercenter-emulator-tenants", "tenants": {"<tenant id>": <profile>, ...}}.
import { lockDataFile, type DataLock } from './data-lock';
import { readDataFile, removeStaleTempFiles, writeDataFileAtomically } from './persistence';
import { defaultProfileData, toApiJson, type ProfileData, type StoredProfile } from './profile';
import { ProfileStore, profileFromJson, storedFromJson } from './store';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface Tenant {
  /** As configured or added: the spelling its tokens carry in `tid`. */
  readonly id: string;
  readonly store: ProfileStore;
  /** First response of each PUT, by MS-RequestId, replayed when the same id comes again. */
  readonly replays: Map<string, StoredResponse>;
}

export const TENANTS_FILE_FORMAT = 'partnercenter-emulator-tenants';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** A tenant id as Entra ID has them: a GUID, or (for the default tenant of older setups) a domain name. */
export function isTenantId(id: string): boolean {
  return GUID.test(id) || DOMAIN.test(id);
}

/** The authorities of Entra ID that name no tenant: the emulator gives them its default tenant. */
export const MULTI_TENANT_AUTHORITIES: ReadonlySet<string> = new Set(['common', 'organizations']);

export class TenantExistsError extends Error {}

function isTenantsFile(json: unknown): json is { format: string; tenants: Record<string, unknown> } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return o.format === TENANTS_FILE_FORMAT && typeof o.tenants === 'object' && o.tenants !== null;
}

export class TenantRegistry {
  private readonly byKey = new Map<string, Tenant>();
  readonly default: Tenant;

  private constructor(
    defaultTenantId: string,
    initial: ProfileData,
    loaded: Map<string, { id: string; profile: StoredProfile }>,
    private readonly file: string | undefined,
    private readonly lock: DataLock | undefined,
  ) {
    const own = loaded.get(defaultTenantId.toLowerCase());
    this.default = this.put(defaultTenantId, initial, own?.profile);
    for (const [key, t] of loaded)
      if (key !== defaultTenantId.toLowerCase()) this.put(t.id, defaultProfileData(), t.profile);
    if (file && !own) this.save();
  }

  /**
   * Loads the data file (creating it when missing) or starts in memory. The file is locked until
   * close(): a second emulator on it fails here (data-lock.ts).
   */
  static open(opts: { file?: string; defaultTenantId: string; initialProfile?: object }): TenantRegistry {
    const initial = opts.initialProfile ? profileFromJson(opts.initialProfile, 'initialProfile') : defaultProfileData();
    const lock = opts.file ? lockDataFile(opts.file) : undefined;
    try {
      if (opts.file) removeStaleTempFiles(opts.file);
      const raw = opts.file ? readDataFile(opts.file) : undefined;
      const loaded = new Map<string, { id: string; profile: StoredProfile }>();
      const what = `emulator data file ${opts.file}`;
      if (isTenantsFile(raw)) {
        for (const [id, json] of Object.entries(raw.tenants))
          loaded.set(id.toLowerCase(), { id, profile: storedFromJson(json, `${what} (tenant ${id})`) });
      } else if (raw !== undefined) {
        loaded.set(opts.defaultTenantId.toLowerCase(), {
          id: opts.defaultTenantId,
          profile: storedFromJson(raw, what),
        });
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

  /** A new tenant with its own profile (`profile` as the API returns one, else the default profile). */
  add(id: string, profile?: object): Tenant {
    if (this.find(id)) throw new TenantExistsError(`tenant ${id} exists already`);
    const tenant = this.put(id, profile ? profileFromJson(profile, 'profile') : defaultProfileData(), undefined);
    this.save();
    return tenant;
  }

  /** Every tenant's profile back to its initial one, every replay cache emptied. */
  resetAll(): void {
    for (const t of this.byKey.values()) {
      t.replays.clear();
      t.store.reset();
    }
  }

  /** Releases the data file for another emulator. */
  close(): void {
    this.lock?.release();
  }

  private put(id: string, initial: ProfileData, loaded: StoredProfile | undefined): Tenant {
    const tenant: Tenant = { id, store: new ProfileStore(initial, loaded, () => this.save()), replays: new Map() };
    this.byKey.set(id.toLowerCase(), tenant);
    return tenant;
  }

  private save(): void {
    if (!this.file) return;
    const tenants = this.list();
    const content =
      tenants.length === 1
        ? toApiJson(this.default.store.current)
        : {
            format: TENANTS_FILE_FORMAT,
            tenants: Object.fromEntries(tenants.map((t) => [t.id, toApiJson(t.store.current)])),
          };
    writeDataFileAtomically(this.file, content);
  }
}
