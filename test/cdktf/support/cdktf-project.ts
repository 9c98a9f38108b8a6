// A throw-away copy of this repository's CDKTF project: the real cdktf.json, verbatim, in a temp
// dir whose examples/, lib/ and node_modules/ link back to the repository. The app command
// (`npx tsx ... examples/cdktf/main.ts`) and codeMakerOutput resolve as in the repository, while
// cdktf.out/ and the local state file land in the temp dir.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { copyCdktfProject } from '../../../scripts/cdktf-project-copy';
import type { Engine } from '../../support/engines';
import { ROOT } from '../../support/bundles';
import { type RunResult, type Sandbox, expectExit, runCommand } from './sandbox';

export const CDKTF_BIN = path.join(ROOT, 'node_modules', '.bin', 'cdktf');
export const STACK = 'partnercenter-billing';

export class CdktfProject {
  private constructor(
    readonly dir: string,
    private readonly env: Record<string, string>,
  ) {}

  /** A project in `<sandbox>/<name>` whose commands use `engine` and `extraEnv`. */
  static async create(
    sandbox: Sandbox,
    name: string,
    engine: Engine,
    extraEnv: Record<string, string>,
  ): Promise<CdktfProject> {
    const dir = copyCdktfProject(path.join(sandbox.root, name));
    return new CdktfProject(dir, { ...sandbox.env, TERRAFORM_BINARY_NAME: engine.path, ...extraEnv });
  }

  get stackDir(): string {
    return path.join(this.dir, 'cdktf.out', 'stacks', STACK);
  }

  /** `cdktf <args> --no-color`; throws unless the exit code is allowed (default 0). */
  async cdktf(args: string[], allowed: number[] = [0]): Promise<RunResult> {
    const result = await runCommand(CDKTF_BIN, [...args, '--no-color'], { cwd: this.dir, env: this.env });
    return expectExit(result, allowed, `cdktf ${args.join(' ')}`);
  }

  /** Runs any command in the project dir with the project's environment. */
  run(file: string, args: string[]): Promise<RunResult> {
    return runCommand(file, args, { cwd: this.dir, env: this.env });
  }

  /** The synthesized Terraform JSON of the example stack. */
  synthesized(): any {
    return JSON.parse(readFileSync(path.join(this.stackDir, 'cdk.tf.json'), 'utf8'));
  }

  lockFile(): string | undefined {
    const file = path.join(this.stackDir, '.terraform.lock.hcl');
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }
}
