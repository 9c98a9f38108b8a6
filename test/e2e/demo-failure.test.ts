// A demo step that fails says why: `npm run demo` whose engine cannot initialise (its data dir is a
// file) stops at that step and prints the end of the engine's own output, not only the expectation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runDemo } from '../support/demo-run';

let tmp: string;
beforeAll(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'demo-failure-'))));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test("a failing init: the demo exits 1 naming the step, the command, and the engine's error", async () => {
  const notADir = path.join(tmp, 'a-file');
  writeFileSync(notADir, '');
  const { code, out } = await runDemo(['--engine', 'terraform'], { TF_DATA_DIR: notADir });
  expect({ code, failed: /demo failed: expected: init succeeds/.test(out) }).toEqual({ code: 1, failed: true });
  expect(out).toMatch(
    /the step's last command, `terraform init -no-color -input=false`, exited 1; the end of its output:/,
  );
  // The engine's own words, quoted from its output.
  expect(out).toMatch(/\| .*not a directory/);
}, 120_000);
