/**
 * Runs lib/engine/format/testing/oracle.go (Go's own archive/tar, encoding/json, text/template, tabwriter, fmt)
 * for differential tests. Returns null, after printing why, when no Go toolchain is installed
 * (`apt-get install -y golang-go`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OracleResponse {
  out?: string;
  bytes?: string;
  err?: string;
}

export interface GoOracle {
  readonly version: string;
  /** Sends requests, returns one response per request (one process for the whole batch). */
  ask(requests: readonly object[]): OracleResponse[];
}

let cached: GoOracle | null | undefined;

export function goOracle(): GoOracle | null {
  if (cached !== undefined) return cached;
  const v = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) {
    console.warn('Go differential tests skipped: no Go toolchain (apt-get install -y golang-go)');
    cached = null;
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-oracle-'));
  const bin = join(dir, 'oracle');
  const src = join(dirname(fileURLToPath(import.meta.url)), 'oracle.go');
  const env = { ...process.env, GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'layerlab-gocache'), GO111MODULE: 'off', GOFLAGS: '' };
  execFileSync('go', ['build', '-o', bin, src], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  cached = {
    version: v.stdout.trim(),
    ask(requests) {
      const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
      const out = execFileSync(bin, { input, maxBuffer: 1 << 30, encoding: 'utf8' });
      return out
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as OracleResponse);
    },
  };
  return cached;
}

/** Go's minor version (19 for go1.19.8), for features that changed between releases. */
export function goMinor(o: GoOracle): number {
  const m = /go1\.(\d+)/.exec(o.version);
  return m ? Number(m[1]) : 0;
}
