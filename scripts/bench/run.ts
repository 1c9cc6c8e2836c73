/**
 * `npm run bench [-- NAME_FILTER...]`: runs every bench in scripts/bench/benches/*.ts (each module's default
 * export is a `Bench`), prints a table of metrics against their budgets and writes bench-results/latest.json.
 * Budgets are reported, never enforced: the exit status is non-zero only when a bench itself fails to run.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rows, runBench, table, type BenchResult } from './harness';
import type { Bench } from './types';

const BENCH_DIR = path.join(import.meta.dirname, 'benches');
const OUT_DIR = path.resolve('bench-results');

function isBench(value: unknown): value is Bench {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Bench).name === 'string' &&
    typeof (value as Bench).run === 'function'
  );
}

/** Loads every bench module; one that fails to load becomes a bench that reports the error. */
async function loadBenches(): Promise<Bench[]> {
  const files = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
  const benches: Bench[] = [];
  for (const file of files) {
    let mod: { default?: unknown };
    try {
      mod = await import(pathToFileURL(path.join(BENCH_DIR, file)).href);
    } catch (err) {
      const message = `cannot load ${file}: ${err instanceof Error ? err.message : String(err)}`;
      benches.push({ name: file.replace(/\.ts$/, ''), run: () => Promise.reject(new Error(message)) });
      continue;
    }
    const exported = Array.isArray(mod.default) ? mod.default : [mod.default];
    for (const b of exported) {
      if (!isBench(b)) throw new Error(`${file}: the default export is not a bench ({ name, run })`);
      benches.push(b);
    }
  }
  return benches;
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const all = await loadBenches();
  const chosen = filters.length ? all.filter((b) => filters.some((f) => b.name.includes(f))) : all;
  if (chosen.length === 0) {
    console.error(filters.length ? `bench: no bench matches ${filters.join(', ')}` : 'bench: no benches found');
    return 1;
  }
  const results: BenchResult[] = [];
  for (const bench of chosen) {
    process.stdout.write(`running ${bench.name} … `);
    const result = await runBench(bench);
    console.log(result.error !== undefined ? `error: ${result.error}` : `${result.seconds.toFixed(1)}s`);
    results.push(result);
  }
  console.log(`\n${table(rows(results))}`);

  mkdirSync(OUT_DIR, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    results,
  };
  const file = path.join(OUT_DIR, 'latest.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const over = results.filter((r) => r.verdict === 'over' || r.verdict === 'missing').length;
  console.log(`\nwrote ${path.relative(process.cwd(), file)}${over ? `; ${over} bench(es) over budget (reported, not enforced)` : ''}`);
  return results.some((r) => r.verdict === 'error') ? 1 : 0;
}

process.exitCode = await main();
