// Plain-text tables for the terminal: left-aligned text columns, right-aligned numbers.

export type Cell = string | number | undefined;

export function fmtMs(v: number | undefined, digits = 0): string {
  return v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits);
}

export function fmtMb(kb: number | undefined): string {
  return kb === undefined ? '-' : `${(kb / 1024).toFixed(1)} MB`;
}

export function fmtRatio(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '-' : `${v.toFixed(2)}x`;
}

/** Renders rows under headers; a column is right-aligned when its header starts with '>'. */
export function table(headers: string[], rows: Cell[][], indent = '  '): string {
  const right = headers.map((h) => h.startsWith('>'));
  const heads = headers.map((h) => h.replace(/^>/, ''));
  const text = rows.map((r) => heads.map((_, i) => (r[i] === undefined ? '' : String(r[i]))));
  const widths = heads.map((h, i) => Math.max(h.length, ...text.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(heads), ...text.map(line)].join('\n');
}
