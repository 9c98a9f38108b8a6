// A throw-away copy of this repository's CDKTF project: the real cdktf.json in `dir`, whose
// examples/, lib/ and node_modules/ link back to the repository. The app command resolves as in
// the repository, while cdktf.out/ and the local state file land in `dir`.
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export function copyCdktfProject(dir: string): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(ROOT, 'cdktf.json'), path.join(dir, 'cdktf.json'));
  for (const link of ['examples', 'lib', 'node_modules']) symlinkSync(path.join(ROOT, link), path.join(dir, link));
  return dir;
}
