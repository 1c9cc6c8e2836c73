import { describe, expect, it } from 'vitest';
import { judge, rows, runBench, table } from './harness';

const budget = { metric: 'median_ms', max: 1, unit: 'ms' };

describe('bench harness', () => {
  it('judges a metric against its budget', () => {
    expect(judge({ median_ms: 0.4 }, budget)).toBe('ok');
    expect(judge({ median_ms: 1 }, budget)).toBe('ok');
    expect(judge({ median_ms: 1.01 }, budget)).toBe('over');
    expect(judge({ other: 3 }, budget)).toBe('missing');
    expect(judge({ median_ms: Number.NaN }, budget)).toBe('missing');
    expect(judge({ median_ms: 5 }, undefined)).toBe('');
  });

  it('records a bench that throws as an error, not a crash', async () => {
    const r = await runBench({ name: 'broken', budget, run: () => Promise.reject(new Error('no shell')) });
    expect(r.verdict).toBe('error');
    expect(r.error).toBe('no shell');
    expect(rows([r])).toEqual([{ bench: 'broken', metric: '-', value: null, budget, verdict: 'error', error: 'no shell' }]);
  });

  it('puts the budget on the budgeted metric only and prints a table', async () => {
    const r = await runBench({ name: 'loop', budget, run: async () => ({ iterations: 10, median_ms: 2.5 }) });
    const rs = rows([r]);
    expect(rs.map((x) => [x.metric, x.verdict])).toEqual([['iterations', ''], ['median_ms', 'over']]);
    const text = table(rs).split('\n');
    expect(text[0]).toMatch(/^bench\s+metric\s+value\s+budget\s+verdict$/);
    expect(text[3]).toMatch(/^loop\s+median_ms\s+2\.50\s+≤ 1 ms\s+over$/);
  });

  it('reports a budgeted metric the bench forgot', async () => {
    const r = await runBench({ name: 'quiet', budget, run: async () => ({}) });
    expect(rows([r])).toEqual([{ bench: 'quiet', metric: 'median_ms', value: null, budget, verdict: 'missing' }]);
  });
});
