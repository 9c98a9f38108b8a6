// What the client needs from a logger; the provider passes its hclog-style logger, tests a capture.

export interface ClientLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  trace(msg: string, fields?: Record<string, unknown>): void;
  warn?(msg: string, fields?: Record<string, unknown>): void;
}

export const SILENT_LOGGER: ClientLogger = {
  debug() {},
  trace() {},
};
