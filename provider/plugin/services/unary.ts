// Wraps an RPC handler for our gRPC server: one debug log line per call (name, duration), and any
// exception turned into an error diagnostic in the RPC's own response shape, so the engine
// always gets a normal answer instead of a gRPC error ("Plugin error").
import type { Diagnostic as KitDiagnostic, Logger } from '../kit';
import type { MethodHandler } from '../grpc/methods';
import { errorDiagnostic, internalErrorDiagnostic, toProtoDiagnostic } from '../diagnostics';
import type { Diagnostic } from '../proto/tfplugin6';
import { UnknownTypeError } from './runtime';

/** Logs an unexpected exception with its stack and returns the diagnostic for the engine. */
export function internalError(rpc: string, log: Logger, err: unknown): KitDiagnostic {
  log.error('Provider internal error', {
    tf_rpc: rpc,
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return internalErrorDiagnostic(err);
}

export type FailureResponse<Res> = (diagnostics: Diagnostic[]) => Res;

// Req types `handle` from the caller's RPC table; the server hands us the decoded request untyped.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function unary<Req, Res>(
  rpc: string,
  log: Logger,
  handle: (req: Req) => Promise<Res> | Res,
  failure: FailureResponse<Res>,
): MethodHandler & { kind: 'unary' } {
  return {
    kind: 'unary',
    handle(request) {
      const started = performance.now();
      return Promise.resolve()
        .then(() => handle(request as Req))
        .catch((err: unknown) => {
          if (err instanceof UnknownTypeError) return failure([toProtoDiagnostic(errorDiagnostic(err.message))]);
          return failure([toProtoDiagnostic(internalError(rpc, log, err))]);
        })
        .then((response) => {
          log.debug('RPC finished', {
            tf_rpc: rpc,
            duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
          });
          return response;
        });
    },
  };
}
