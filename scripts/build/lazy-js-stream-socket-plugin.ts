// esbuild plugin: makes http2-wrapper's JSStreamSocket lookup lazy. http2-wrapper (a dependency of
// got) finds Node's internal JSStreamSocket class at module load by building a throw-away
// `new tls.TLSSocket(...)`, whose default secure context parses every bundled root certificate:
// ~40 ms on Node 20 here, in every launch that loads got, even when no HTTPS call follows (the
// emulator is plain http). Only its HTTP/2-over-proxy code ever constructs a JSStreamSocket, which
// the provider never uses. The rewrite finds the class on first construction instead.
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

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

export const lazyJsStreamSocketPlugin: Plugin = {
  name: 'lazy-js-stream-socket',
  setup(build) {
    build.onLoad({ filter: /[\\/]http2-wrapper[\\/]source[\\/]utils[\\/]js-stream-socket\.js$/ }, async (args) => {
      const { code, replaced } = lazyJsStreamSocket(await readFile(args.path, 'utf8'));
      // A new version that no longer matches is left as it is, with a warning: the provider still
      // works, only its first API call of a launch is slower.
      const warnings = replaced
        ? []
        : [{ text: `no eager JSStreamSocket lookup found in ${args.path}; left unchanged` }];
      return { contents: code, loader: 'js', warnings };
    });
  },
};
