// The build-time rewrite that makes http2-wrapper's JSStreamSocket lookup lazy: loading the module
// no longer builds a TLS socket (which parses every bundled root certificate), constructing one
// still gives Node's own JSStreamSocket, and the rewrite still matches the installed package.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as stream from 'node:stream';
import { PassThrough } from 'node:stream';
import tls from 'node:tls';
import { lazyJsStreamSocket } from '../../../../scripts/build/lazy-js-stream-socket-plugin';
import { ROOT } from '../../../support/bundles';

const INSTALLED = path.join(ROOT, 'node_modules', 'http2-wrapper', 'source', 'utils', 'js-stream-socket.js');

/** Runs a rewritten module body with a `tls` whose TLSSocket constructions are counted. */
function load(code: string): { exports: new (stream: PassThrough) => object; sockets: () => number } {
  let sockets = 0;
  const countingTls = {
    TLSSocket: class extends tls.TLSSocket {
      constructor(...args: ConstructorParameters<typeof tls.TLSSocket>) {
        super(...args);
        sockets++;
      }
    },
  };
  const mod: { exports: any } = { exports: {} };
  const requireStub = (id: string): unknown => (id === 'tls' ? countingTls : id === 'stream' ? stream : undefined);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the rewritten module source is what this test checks
  new Function('module', 'require', code)(mod, requireStub);
  return { exports: mod.exports, sockets: () => sockets };
}

it('builds no TLS socket at module load, and constructs Node’s JSStreamSocket on first use', () => {
  const { code, replaced } = lazyJsStreamSocket(readFileSync(INSTALLED, 'utf8'));
  expect(replaced).toBe(true);
  const loaded = load(code);
  expect(loaded.sockets()).toBe(0);

  const socket = new loaded.exports(new PassThrough());
  expect(loaded.sockets()).toBe(1);
  expect(socket.constructor.name).toBe('JSStreamSocket');
  new loaded.exports(new PassThrough());
  expect(loaded.sockets()).toBe(1); // the class is looked up once
});

it('the unmodified module builds its TLS socket at load (what the rewrite removes)', () => {
  expect(load(readFileSync(INSTALLED, 'utf8')).sockets()).toBe(1);
});

it('leaves a source without the eager lookup unchanged', () => {
  const source = "'use strict';\nmodule.exports = require('node:net').Socket;\n";
  expect(lazyJsStreamSocket(source)).toEqual({ code: source, replaced: false });
});
