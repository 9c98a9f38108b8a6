// The two CDK runtimes the bindings are generated for. Generated bindings import their runtime
// by name (`import * as cdktf from 'cdktf'` or `... from 'cdktn'`), so each runtime gets its own
// set from the same schema, made by that runtime's own generator.
//
// Loading: the generators' package roots are not imported (@cdktf/provider-generator 0.21 resolves
// jsii/jsii-pacmak at load, which it does not declare), so the TerraformProviderGenerator module
// is deep-imported, with the CodeMaker from that generator's own dependency tree (the exact copy
// it was built against). Each generator also starts its HCL parser (Go compiled to WebAssembly,
// set up through a process-wide `global.Go`) as it loads, and the two parsers' Go versions
// differ: loaded into one process, one of them fails. So a process loads only one generator
// (scripts/generate-bindings.ts runs one process per runtime).
import { createRequire } from 'node:module';
import type { ProviderSchema } from '@cdktf/commons';

export type BindingRuntime = 'cdktf' | 'cdktn';

/** What generation needs from either generator. */
export interface ProviderGenerator {
  generateAll(): void;
  save(outdir: string): Promise<void>;
}

export interface RuntimeTarget {
  runtime: BindingRuntime;
  /** The generator package, named in the generated README. */
  generatorPackage: string;
  /** The folder under lib/ (or `--out <dir>`) that generation replaces as a whole. */
  folder: string;
  /** Where the generated classes go inside `folder` ('' = at its top). */
  classesIn: string;
  /** Whether `folder` also gets index.ts, the twin of lib/index.ts (twin-entry.ts). */
  twinEntry: boolean;
  /** The module users import the stable names from (named in the generated README). */
  publicEntry: string;
  /** Loads this runtime's generator (only then) and returns one for `schema`. */
  createGenerator(schema: ProviderSchema): Promise<ProviderGenerator>;
}

/** `require` as seen from inside `generatorPackage` (its own dependency tree). */
function requireFrom(generatorPackage: string): NodeJS.Require {
  return createRequire(require.resolve(`${generatorPackage}/package.json`));
}

export const RUNTIMES: readonly RuntimeTarget[] = [
  {
    runtime: 'cdktf',
    generatorPackage: '@cdktf/provider-generator',
    folder: 'generated',
    classesIn: '',
    twinEntry: false,
    publicEntry: 'lib/index.ts',
    async createGenerator(schema) {
      const { TerraformProviderGenerator } =
        await import('@cdktf/provider-generator/lib/get/generator/provider-generator');
      type CodeMaker = ConstructorParameters<typeof TerraformProviderGenerator>[0];
      const codemaker = requireFrom(this.generatorPackage)('codemaker') as { CodeMaker: new () => CodeMaker };
      return new TerraformProviderGenerator(new codemaker.CodeMaker(), schema);
    },
  },
  {
    runtime: 'cdktn',
    generatorPackage: '@cdktn/provider-generator',
    folder: 'cdktn',
    classesIn: 'generated',
    twinEntry: true,
    publicEntry: 'lib/cdktn/index.ts',
    async createGenerator(schema) {
      const { TerraformProviderGenerator } =
        await import('@cdktn/provider-generator/build/get/generator/provider-generator');
      type CodeMaker = ConstructorParameters<typeof TerraformProviderGenerator>[0];
      const codemaker = requireFrom(this.generatorPackage)('codemaker') as { CodeMaker: new () => CodeMaker };
      return new TerraformProviderGenerator(new codemaker.CodeMaker(), schema);
    },
  },
];

/** The target of `runtime`; throws naming the valid ones. */
export function runtimeTarget(runtime: string): RuntimeTarget {
  const target = RUNTIMES.find((t) => t.runtime === runtime);
  if (!target)
    throw new Error(`unknown runtime "${runtime}" (expected ${RUNTIMES.map((t) => t.runtime).join(' or ')})`);
  return target;
}
