// One row of `npm run bench`: a figure, and the anchor it is measured against in the same run.
export interface BenchRow {
  /** Which benchmark, e.g. "geocoder", "dbscan". */
  bench: string;
  /** What was measured, e.g. "fuzzy lookups/s (1 core)". */
  metric: string;
  value: number;
  unit: string;
  /** The usual choice, measured beside ours in the same run. */
  anchor?: { name: string; value: number };
  /** value / anchor (or anchor / value for times): how many times better ours is; > 1 means better. */
  ratio?: number;
  /** A goal from the issues, e.g. "≥ 5000"; `met` says whether this run reached it. */
  goal?: string;
  met?: boolean;
  note?: string;
}

export type Bench = () => Promise<BenchRow[]>;

/** Median of several runs: the machine is shared and noisy. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` `runs` times and returns the median wall time in milliseconds. */
export async function timeMedian(fn: () => unknown | Promise<unknown>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}
