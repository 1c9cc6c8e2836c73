/** A performance budget on one metric of a bench: reported by `npm run bench`, never asserted by tests. */
export interface Budget {
  readonly metric: string;
  readonly max: number;
  readonly unit: string;
}

/**
 * One bench: a module in scripts/bench/benches/ whose default export is this. `run` returns its metrics by name
 * (milliseconds, counts, bytes... the unit of a budgeted metric is the budget's).
 */
export interface Bench {
  readonly name: string;
  readonly budget?: Budget;
  run(): Promise<Record<string, number>>;
}

export function defineBench(bench: Bench): Bench {
  return bench;
}
