// The examples the generated docs pages show (examples/provider, examples/resources/<type>,
// examples/data-sources/<type>: scripts/docs/pages.ts) are valid configurations for the real
// provider on every engine: each passes `fmt -check` and `validate` on its own, a resource's
// import blocks together with its resource.tf, the import by identity only on engines that have
// identities (Terraform and OpenTofu 1.12+). New types' examples are picked up from the folders.
import { readFileSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { SOURCE_ADDRESS } from '../../provider/meta';
import { PROVIDER_BUNDLE, ROOT, requireBundle } from '../support/bundles';
import { describeEachEngine, engineAtLeast, type Engine } from '../support/engines';
import { TfWorkdir, flatOutput } from '../support/tf-workdir';

const EXAMPLES = path.join(ROOT, 'examples');
const IDENTITY = { terraform: '1.12.0', tofu: '1.12.0' };

const read = (rel: string) => readFileSync(path.join(EXAMPLES, rel), 'utf8');
const list = (rel: string) => readdirSync(path.join(EXAMPLES, rel)).sort();

/** Each configuration to validate: a label and its files (path relative to examples/). */
function exampleSets(engine: Engine): [string, string[]][] {
  const sets: [string, string[]][] = list('provider').map((f) => [`provider/${f}`, [`provider/${f}`]]);
  for (const type of list('resources')) {
    const dir = `resources/${type}`;
    const files = list(dir);
    sets.push([`${dir}/resource.tf`, [`${dir}/resource.tf`]]);
    if (files.includes('import-by-string-id.tf'))
      sets.push([`${dir}/import-by-string-id.tf`, [`${dir}/resource.tf`, `${dir}/import-by-string-id.tf`]]);
    if (files.includes('import-by-identity.tf') && engineAtLeast(engine, IDENTITY))
      sets.push([`${dir}/import-by-identity.tf`, [`${dir}/resource.tf`, `${dir}/import-by-identity.tf`]]);
  }
  for (const type of list('data-sources')) sets.push([`data-sources/${type}`, [`data-sources/${type}/data-source.tf`]]);
  return sets;
}

const VERSIONS_TF = `terraform {\n  required_providers {\n    partnercenter = {\n      source = "${SOURCE_ADDRESS}"\n    }\n  }\n}\n`;

describeEachEngine('the docs examples', (engine) => {
  let wd: TfWorkdir;
  beforeAll(async () => {
    wd = await TfWorkdir.create(engine, {
      files: {},
      providers: [{ sourceAddress: SOURCE_ADDRESS, bundlePath: requireBundle(PROVIDER_BUNDLE) }],
      via: 'dev_overrides',
    });
  }, 60_000);
  afterAll(() => wd?.dispose());

  test('every example set is formatted and valid', async () => {
    const sets = exampleSets(engine);
    expect(sets.length).toBeGreaterThanOrEqual(5);
    for (const [label, files] of sets) {
      const written: string[] = [];
      for (const rel of files) {
        const name = rel.replace(/\//g, '__');
        await wd.writeFile(name, read(rel));
        written.push(name);
      }
      if (!files.some((rel) => read(rel).includes('required_providers'))) {
        await wd.writeFile('versions.tf', VERSIONS_TF);
        written.push('versions.tf');
      }
      const fmt = await wd.run(['fmt', '-check', '-diff', '-no-color'], { allowExitCodes: [0, 3] });
      expect([label, fmt.code, fmt.stdout]).toEqual([label, 0, '']);
      const validate = await wd.run(['validate', '-no-color'], { allowExitCodes: [0, 1] });
      expect([label, validate.code, flatOutput(validate)]).toEqual([
        label,
        0,
        expect.stringContaining('Success! The configuration is valid'),
      ]);
      for (const name of written) await rm(path.join(wd.dir, name));
    }
  }, 120_000);
});
