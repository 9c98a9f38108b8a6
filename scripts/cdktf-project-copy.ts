// Throw-away copies of this repository's CDK projects, so cdktf.out/ and the local state file land
// in the copy while the app resolves as in the repository:
// - cdktf: the root cdktf.json in `dir`, whose examples/, lib/ and node_modules/ link back here;
// - cdktn: examples/cdktn/cdktf.json in `dir`, with main.ts and node_modules/ linking back here.
// The links are followed to the files' real place, so the example's import of
// `terraform-provider-partnercenter` resolves to this package itself.
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export function copyCdktfProject(dir: string): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(ROOT, 'cdktf.json'), path.join(dir, 'cdktf.json'));
  for (const link of ['examples', 'lib', 'node_modules']) symlinkSync(path.join(ROOT, link), path.join(dir, link));
  return dir;
}

export function copyCdktnProject(dir: string): string {
  const example = path.join(ROOT, 'examples', 'cdktn');
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(example, 'cdktf.json'), path.join(dir, 'cdktf.json'));
  symlinkSync(path.join(example, 'main.ts'), path.join(dir, 'main.ts'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}
