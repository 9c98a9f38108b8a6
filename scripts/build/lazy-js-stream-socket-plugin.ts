// esbuild plugin: makes http2-wrapper's JSStreamSocket lookup lazy. http2-wrapper (a dependency of
// got) finds Node's internal JSStreamSocket class at module load by building a throw-away
// `new tls.TLSSocket(...)`, whose default secure context parses every bundled root certificate:
// ~40 ms on Node 20 here, in every launch that loads got, even when no HTTPS call follows (the
// emulator is plain http). Only its HTTP/2-over-proxy code ever constructs a JSStreamSocket, which
// the provider never uses. The rewrite finds the class on first construction instead.
import { rewritePlugin } from './rewrite-plugin';

// `const JSStreamSocket = (new tls.TLSSocket(new stream.PassThrough()))._handle._parentWrap.constructor;`
const EAGER_LOOKUP =
  /const (\w+) = (\(new tls\.TLSSocket\(new stream\.PassThrough\(\)\)\)\._handle\._parentWrap\.constructor);/;

/** The source with the eager class lookup turned into a constructor that looks it up on first use. */
export function lazyJsStreamSocket(source: string): { code: string; replaced: boolean } {
  let replaced = false;
  const code = source.replace(EAGER_LOOKUP, (_all, name: string, lookup: string) => {
    replaced = true;
    // `new X(...)` of a function that returns an object yields that object: callers keep `new`.
    return `let ${name}$class; function ${name}(...args) { ${name}$class ??= ${lookup}; return new ${name}$class(...args); }`;
  });
  return { code, replaced };
}

export const lazyJsStreamSocketPlugin = rewritePlugin({
  name: 'lazy-js-stream-socket',
  filter: /[\\/]http2-wrapper[\\/]source[\\/]utils[\\/]js-stream-socket\.js$/,
  looksFor: 'eager JSStreamSocket lookup',
  rewrite: (source) => {
    const { code, replaced } = lazyJsStreamSocket(source);
    return { code, rewritten: replaced };
  },
});
