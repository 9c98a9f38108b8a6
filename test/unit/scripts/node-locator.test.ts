// The Node versions cache (npm run nodes): a missing or wrong binary must fail loudly with the fix,
// never be skipped; the real cache holds every pinned version.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cachedNode, envWithNode, PINNED_NODES, type NodeMajor } from '../../support/node-versions';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nodes-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const MAJORS = Object.keys(PINNED_NODES) as NodeMajor[];

/** A stand-in node binary at the cache's place for `version` that reports `reports`. */
function fakeNode(version: string, reports: string): string {
  const bin = path.join(dir, version, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'node'), `#!/bin/sh\necho v${reports}\n`, { mode: 0o755 });
  return bin;
}

test('the pinned versions are exact versions of the majors they are filed under', () => {
  expect(MAJORS).toEqual(expect.arrayContaining(['22', '24']));
  for (const major of MAJORS) expect(PINNED_NODES[major]).toMatch(new RegExp(`^${major}\\.\\d+\\.\\d+$`));
});

test('a missing Node throws, naming npm run nodes and the folder', () => {
  expect(() => cachedNode('24', dir)).toThrow(
    new RegExp(`Node v${PINNED_NODES['24'].replace(/\./g, '\\.')} not found at ${dir}.*npm run nodes`),
  );
});

test('a Node that reports another version throws', () => {
  fakeNode(PINNED_NODES['22'], '22.0.0');
  expect(() => cachedNode('22', dir)).toThrow(/reports v22\.0\.0, expected v22\..*npm run nodes/);
});

test('a cached Node of the right version is found; envWithNode puts its folder first on PATH', () => {
  const bin = fakeNode(PINNED_NODES['22'], PINNED_NODES['22']);
  const node = cachedNode('22', dir);
  expect(node).toEqual({ version: PINNED_NODES['22'], path: path.join(bin, 'node'), binDir: bin });
  expect(envWithNode(node, { PATH: '/usr/bin' }).PATH).toBe(`${bin}${path.delimiter}/usr/bin`);
});

test('the real cache (npm run nodes) holds every pinned version, and each runs', () => {
  for (const major of MAJORS) {
    const node = cachedNode(major);
    expect(execFileSync(node.path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()).toBe(node.version);
  }
});
