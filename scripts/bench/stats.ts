// Summaries of timing samples. The median is the headline number (robust to the odd slow run on
// a shared machine); min shows the floor; samples are kept for the JSON.

export interface Summary {
  median: number;
  min: number;
  p90: number;
  samples: number[];
}

export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), min: sorted[0], p90: quantile(sorted, 0.9), samples: sorted.map(round1) };
}

/** Median of possibly-missing values; undefined when there are none. */
export function medianOf(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return present.length ? summarize(present).median : undefined;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
