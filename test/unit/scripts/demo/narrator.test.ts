// The demo's failures carry their cause (scripts/demo/narrator.ts): a failing check ends with the
// end of the output of the step's last command, which the runner reports after each command.
import { check, DemoFailure, failureText, noteRun, step } from '../../../../scripts/demo/narrator';

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const output = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n');

function failure(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DemoFailure);
    return (e as Error).message;
  }
  throw new Error('expected a DemoFailure');
}

test("a failing check shows the step's last command, its exit code and the end of its output", () => {
  step('apply');
  noteRun({ command: 'terraform apply -auto-approve', code: 1, output: `${output}\n` });
  const message = failure(() => check(false, 'apply succeeds'));
  expect(message).toMatch(
    /^expected: apply succeeds\nthe step's last command, `terraform apply -auto-approve`, exited 1; the end of its output:\n/,
  );
  expect(message).toContain('   | line 50');
  expect(message).toContain('   | line 21\n');
  expect(message).not.toContain('line 20\n');
});

test('a check after a command that succeeded still shows that command (the cause may be in its output)', () => {
  step('apply');
  noteRun({ command: 'terraform apply', code: 0, output: 'Apply complete! Resources: 0 added, 0 changed' });
  expect(failure(() => check(false, 'the emulator holds PO-1'))).toMatch(
    /`terraform apply`, exited 0;[\s\S]*Apply complete!/,
  );
});

test("a new step forgets the previous step's command; a passing check throws nothing", () => {
  step('one');
  noteRun({ command: 'terraform plan', code: 2, output: 'x' });
  check(true, 'fine');
  step('two');
  expect(failure(() => check(false, 'something'))).toBe('expected: something');
});

test("an unexpected error is reported with the step's last command too", () => {
  step('synth');
  noteRun({ command: 'cdktf synth', code: 1, output: 'boom: cannot find module' });
  const text = failureText(new Error('ENOENT: cdk.tf.json'));
  expect(text).toMatch(/ENOENT: cdk\.tf\.json/);
  expect(text).toMatch(/`cdktf synth`, exited 1;[\s\S]*boom: cannot find module/);
});
