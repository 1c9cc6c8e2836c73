/** The bench harness's logic, apart from discovery and I/O so it can be tested. */
import type { Bench, Budget } from './types';

export type Verdict = 'ok' | 'over' | 'missing' | 'error' | '';

export interface BenchRow {
  readonly bench: string;
  readonly metric: string;
  readonly value: number | null;
  readonly budget: Budget | null;
  readonly verdict: Verdict;
  readonly error?: string;
}

export interface BenchResult {
  readonly name: string;
  readonly metrics: Record<string, number>;
  readonly budget: Budget | null;
  /** ok/over against the budget; 'missing' when the budgeted metric was not reported; '' with no budget. */
  readonly verdict: Verdict;
  readonly error?: string;
  readonly seconds: number;
}

export function judge(metrics: Record<string, number>, budget: Budget | undefined): Verdict {
  if (!budget) return '';
  const value = metrics[budget.metric];
  if (value === undefined || !Number.isFinite(value)) return 'missing';
  return value <= budget.max ? 'ok' : 'over';
}

export async function runBench(bench: Bench, now: () => number = () => performance.now()): Promise<BenchResult> {
  const started = now();
  try {
    const metrics = await bench.run();
    return { name: bench.name, metrics, budget: bench.budget ?? null, verdict: judge(metrics, bench.budget), seconds: (now() - started) / 1000 };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { name: bench.name, metrics: {}, budget: bench.budget ?? null, verdict: 'error', error, seconds: (now() - started) / 1000 };
  }
}

/** One row per metric; the budget and verdict sit on the budgeted metric's row. */
export function rows(results: readonly BenchResult[]): BenchRow[] {
  const out: BenchRow[] = [];
  for (const r of results) {
    if (r.error !== undefined) {
      out.push({ bench: r.name, metric: '-', value: null, budget: r.budget, verdict: 'error', error: r.error });
      continue;
    }
    const names = Object.keys(r.metrics);
    if (r.budget && !names.includes(r.budget.metric)) names.push(r.budget.metric);
    for (const metric of names) {
      const budgeted = r.budget?.metric === metric;
      out.push({
        bench: r.name,
        metric,
        value: r.metrics[metric] ?? null,
        budget: budgeted ? r.budget : null,
        verdict: budgeted ? r.verdict : '',
      });
    }
  }
  return out;
}

function formatValue(value: number | null): string {
  if (value === null) return '-';
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(1) : abs >= 1 ? value.toFixed(2) : value.toPrecision(3);
}

export function table(benchRows: readonly BenchRow[]): string {
  const header = ['bench', 'metric', 'value', 'budget', 'verdict'];
  const body = benchRows.map((r) => [
    r.bench,
    r.metric,
    formatValue(r.value),
    r.budget ? `≤ ${r.budget.max} ${r.budget.unit}` : '',
    r.verdict === 'error' ? `error: ${r.error ?? ''}` : r.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
