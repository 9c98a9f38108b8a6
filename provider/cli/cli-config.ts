// Writes a Terraform / OpenTofu CLI configuration file (point TF_CLI_CONFIG_FILE at it) that
// tells the engine where our provider lives. Two flavours:
//  - filesystem mirror: the normal user path (`init`, lock file with h1: hashes);
//  - dev_overrides: for development; no `init`, no lock file, the engine runs the launcher in
//    the given package dir directly (and prints a "development overrides" warning).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** An HCL quoted string: JSON escapes plus HCL's template sequences `${` and `%{`. */
export function hclString(value: string): string {
  return JSON.stringify(value).replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
}

export interface MirrorConfigOptions {
  /** Root of an unpacked filesystem mirror (see installProvider). */
  mirrorDir: string;
  /**
   * Provider patterns served from the mirror, e.g. ["terraform.local/*\/*"] or an exact
   * "host/ns/type". Everything else still comes from the registries (`direct`).
   */
  include: string[];
}

export function mirrorCliConfig({ mirrorDir, include }: MirrorConfigOptions): string {
  const list = include.map(hclString).join(', ');
  return [
    '# Generated: providers matching `include` come from a local filesystem mirror.',
    'disable_checkpoint = true',
    '',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${hclString(path.resolve(mirrorDir))}`,
    `    include = [${list}]`,
    '  }',
    '  direct {',
    `    exclude = [${list}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Maps "host/ns/type" to the package dir holding that provider's launcher. */
export function devOverridesCliConfig(overrides: Record<string, string>): string {
  const lines = Object.entries(overrides).map(
    ([source, dir]) => `    ${hclString(source)} = ${hclString(path.resolve(dir))}`,
  );
  return [
    '# Generated: development overrides (no init, no lock file; engines warn on every command).',
    'disable_checkpoint = true',
    '',
    'provider_installation {',
    '  dev_overrides {',
    ...lines,
    '  }',
    '  direct {}',
    '}',
    '',
  ].join('\n');
}

export async function writeCliConfig(file: string, text: string): Promise<string> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text);
  return path.resolve(file);
}
