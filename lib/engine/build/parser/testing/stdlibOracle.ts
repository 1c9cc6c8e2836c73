/**
 * Runs stdlib.go (Go's filepath.Clean, filepath.Match, time.ParseDuration, strconv.Quote) for differential tests.
 * Returns null, after printing why, when no Go toolchain is installed (`apt-get install -y golang-go`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StdlibAnswer {
  out: string;
  err?: string;
}
export type StdlibOp = 'clean' | 'match' | 'duration' | 'quote' | 'jsonarray';

let cached: ((requests: readonly { op: StdlibOp; s: string }[]) => StdlibAnswer[]) | null | undefined;

export function goStdlib(): typeof cached {
  if (cached !== undefined) return cached;
  const v = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) {
    console.warn('Go differential tests skipped: no Go toolchain (apt-get install -y golang-go)');
    return (cached = null);
  }
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-stdlib-'));
  const bin = join(dir, 'stdlib');
  const src = join(dirname(fileURLToPath(import.meta.url)), 'stdlib.go');
  const env = { ...process.env, GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'layerlab-gocache'), GO111MODULE: 'off', GOFLAGS: '' };
  execFileSync('go', ['build', '-o', bin, src], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  cached = (requests) => {
    const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const out = execFileSync(bin, { input, maxBuffer: 1 << 30, encoding: 'utf8' });
    return out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as StdlibAnswer);
  };
  return cached;
}

/** The toolchain's minor version (19 for go1.19.8); 0 when Go is missing. */
export function goMinorVersion(): number {
  const v = spawnSync('go', ['version'], { encoding: 'utf8' });
  return Number(/go1\.(\d+)/.exec(v.stdout ?? '')?.[1] ?? 0);
}
