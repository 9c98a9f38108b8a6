// Kit diagnostics -> tfplugin6 diagnostics. Every problem reaches the engine this way (never as
// a gRPC error, which Terraform shows as an opaque "Plugin error"). Severity is always set:
// 0 would be neither an error nor a warning to the engine.
import type { AttributePath, Diagnostic } from './kit';
import * as pb from './proto/tfplugin6';

export function toProtoPath(path: AttributePath): pb.AttributePath {
  return {
    steps: path.map((step): pb.PathStep => {
      if (typeof step === 'string') return { attribute_name: step };
      if ('key' in step) return { element_key_string: step.key };
      return { element_key_int: step.index };
    }),
  };
}

export function toProtoDiagnostic(d: Diagnostic): pb.Diagnostic {
  return {
    severity: d.severity === 'warning' ? pb.Severity.Warning : pb.Severity.Error,
    summary: d.summary,
    detail: d.detail ?? '',
    attribute: d.path && d.path.length > 0 ? toProtoPath(d.path) : undefined,
  };
}

export function toProtoDiagnostics(diags: readonly Diagnostic[]): pb.Diagnostic[] {
  return diags.map(toProtoDiagnostic);
}

export function errorDiagnostic(summary: string, detail?: string, path?: AttributePath): Diagnostic {
  return { severity: 'error', summary, detail, path };
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** An exception escaping a resource: reported as a provider bug, with the message for the user. */
export function internalErrorDiagnostic(err: unknown): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  return errorDiagnostic(
    `Provider internal error: ${message}`,
    'This is a bug in the provider. Run with TF_LOG_PROVIDER=error to see the stack trace in the log, ' +
      'and please report it.',
  );
}
