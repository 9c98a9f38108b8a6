// Per-process provider state shared by the RPC handlers: the definitions with their implied
// types, the configured client, and the stop signal handed to every call.
import type {
  Diagnostic,
  DataSourceDefinition,
  Logger,
  ProviderDefinition,
  ResourceDefinition,
  ResourceContext,
} from '../kit';
import { impliedType } from '../cty/schema-type';
import type { CtyType } from '../cty/types';
import { errorDiagnostic, hasErrors, internalErrorDiagnostic } from '../diagnostics';
import { identityType } from './identity';

export interface Typed<D> {
  def: D;
  type: CtyType;
}

/** A resource with its implied type and, when it declares one, its identity's object type. */
export interface TypedResource<Client> extends Typed<ResourceDefinition<Client>> {
  identityType?: CtyType;
}

type Configured<Client> = { ok: true; client: Client } | { ok: false; diagnostic: Diagnostic };

export class ProviderRuntime<Client = unknown> {
  readonly providerType: CtyType;
  private readonly resources = new Map<string, TypedResource<Client>>();
  private readonly dataSources = new Map<string, Typed<DataSourceDefinition<Client>>>();
  private configured: Promise<Configured<Client>> | undefined;
  private stopController = new AbortController();

  constructor(
    readonly def: ProviderDefinition<Client>,
    readonly log: Logger,
  ) {
    this.providerType = impliedType(def.schema.block);
    for (const r of def.resources) {
      this.resources.set(r.typeName, {
        def: r,
        type: impliedType(r.schema.block),
        identityType: r.identity ? identityType(r.identity) : undefined,
      });
    }
    for (const d of def.dataSources) this.dataSources.set(d.typeName, { def: d, type: impliedType(d.schema.block) });
  }

  resource(typeName: string): TypedResource<Client> {
    const r = this.resources.get(typeName);
    if (!r) throw new UnknownTypeError('resource', typeName);
    return r;
  }

  dataSource(typeName: string): Typed<DataSourceDefinition<Client>> {
    const d = this.dataSources.get(typeName);
    if (!d) throw new UnknownTypeError('data source', typeName);
    return d;
  }

  /** The context for a call that needs no client. */
  callContext(): { signal: AbortSignal; log: Logger } {
    return { signal: this.stopController.signal, log: this.log };
  }

  /** Runs the provider's configure; later resource calls wait for it. */
  async configure(
    config: Parameters<ProviderDefinition<Client>['configure']>[0],
    terraformVersion: string,
  ): Promise<Diagnostic[]> {
    const running = this.def.configure(config, terraformVersion, this.callContext());
    this.configured = running.then(
      (r): Configured<Client> =>
        hasErrors(r.diagnostics)
          ? {
              ok: false,
              diagnostic: errorDiagnostic(
                'The provider is not configured',
                'Its configuration failed; see the errors reported by ConfigureProvider.',
              ),
            }
          : { ok: true, client: r.client as Client },
      (err: unknown): Configured<Client> => ({ ok: false, diagnostic: internalErrorDiagnostic(err) }),
    );
    return (await running).diagnostics;
  }

  /** The context for a resource call: waits for an in-flight configure. */
  async resourceContext(): Promise<{ ok: true; ctx: ResourceContext<Client> } | { ok: false; diagnostic: Diagnostic }> {
    if (!this.configured) {
      return {
        ok: false,
        diagnostic: errorDiagnostic(
          'The provider is not configured',
          'The engine did not call ConfigureProvider before this call.',
        ),
      };
    }
    const signal = this.stopController.signal; // the signal current when the call started
    const c = await this.configured;
    if (!c.ok) return c;
    return { ok: true, ctx: { signal, log: this.log, client: c.client } };
  }

  /** StopProvider: abort everything in flight; later calls get a fresh signal. */
  stop(): void {
    const current = this.stopController;
    this.stopController = new AbortController();
    current.abort(new Error('the engine asked the provider to stop'));
  }
}

export class UnknownTypeError extends Error {
  constructor(
    readonly kind: string,
    readonly typeName: string,
  ) {
    super(`Unknown ${kind} type "${typeName}"`);
  }
}
