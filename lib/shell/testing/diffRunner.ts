/**
 * Differential shell suite runner: each script under `lib/shell/__fixtures__/diff/<category>/<name>.sh` runs through
 * the real shell (`bash --norc --noprofile script.sh`, `busybox sh script.sh`) in a fresh temporary directory and
 * through our shell on a fresh simulated machine laid out at the same absolute paths; stdout, stderr and exit status
 * are compared after replacing the temporary paths with placeholders (the only thing that must differ between runs).
 *
 * Both sides run as root with the same environment, umask 022, empty stdin and `script.sh` as the relative script
 * name, so error prefixes (`script.sh: line 3: ...`) match without rewriting. For the ash dialect a directory of
 * BusyBox applet links comes first in PATH on both sides (`busybox --install -s DIR`), so programs the script runs are
 * BusyBox applets, as in an Alpine image.
 */

import { execFile, spawnSync, type ExecFileException } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { executableHeader } from '../../engine/fs/executable';
import { ROOT, type FsClient } from '../../engine/fs/Types';
import { createTestMachine, runCommand, type TestMachine } from './harness';

export type DiffDialect = 'bash' | 'ash';
export const DIFF_DIALECTS: readonly DiffDialect[] = ['bash', 'ash'];

export interface DiffScript {
  /** `category/name.sh`, the key used in reports and in the known-differences map. */
  readonly id: string;
  readonly text: string;
  /** From a `# dialects: bash ash` header line; both when absent. */
  readonly dialects: readonly DiffDialect[];
}

export interface Outcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const DIALECTS_HEADER = /^#\s*dialects:\s*(.*)$/m;

/** Every `*.sh` under `root`, sorted by id. */
export function loadScripts(root: string): DiffScript[] {
  const out: DiffScript[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.sh')) {
        const text = readFileSync(p, 'utf8');
        const header = DIALECTS_HEADER.exec(text.split('\n').slice(0, 5).join('\n'));
        let dialects: DiffDialect[] = [...DIFF_DIALECTS];
        if (header) {
          const words = header[1]!.trim().split(/[\s,]+/);
          const bad = words.filter((w) => !(DIFF_DIALECTS as readonly string[]).includes(w));
          if (bad.length) throw new Error(`${p}: unknown dialect(s) in header: ${bad.join(', ')}`);
          dialects = words as DiffDialect[];
        }
        out.push({ id: relative(root, p).split('\\').join('/'), text, dialects });
      }
    }
  };
  walk(root);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Oracles

export interface OracleInfo {
  readonly dialect: DiffDialect;
  /** Null when the oracle can run; otherwise why the dialect is skipped. */
  readonly missing: string | null;
  /** First line of `bash --version` / `busybox` banner. */
  readonly version: string;
}

const ORACLE_BIN: Record<DiffDialect, string> = { bash: '/bin/bash', ash: '/bin/busybox' };

function findBinary(name: string): string | null {
  for (const dir of ['/usr/bin', '/bin', '/usr/local/bin']) {
    try {
      if (statSync(join(dir, name)).isFile()) return join(dir, name);
    } catch {
      // not in this directory
    }
  }
  return null;
}

export function oracleInfo(dialect: DiffDialect): OracleInfo {
  const bin = findBinary(dialect === 'bash' ? 'bash' : 'busybox');
  if (!bin) {
    const pkg = dialect === 'bash' ? 'bash' : 'busybox-static';
    return { dialect, missing: `${ORACLE_BIN[dialect]} not found (apt-get install ${pkg})`, version: '' };
  }
  const r = spawnSync(bin, dialect === 'bash' ? ['--version'] : [], { encoding: 'utf8', timeout: 5000 });
  const version = ((r.stdout ?? '') + (r.stderr ?? '')).split('\n')[0]!.trim();
  if (dialect === 'ash') {
    const sh = spawnSync(bin, ['sh', '-c', 'echo ok'], { encoding: 'utf8', timeout: 5000 });
    if (sh.stdout !== 'ok\n') return { dialect, missing: `${bin} has no working sh applet`, version };
  }
  return { dialect, missing: null, version };
}

// ---------------------------------------------------------------------------------------------------------------
// Workspace: one temporary base directory per suite run; a fresh work directory per script run.

export interface RunDirs {
  /** The script's cwd and HOME. */
  readonly work: string;
}

export class DiffWorkspace {
  readonly base: string;
  /** BusyBox applet links (`busybox --install -s`), first in PATH for the ash dialect. */
  readonly appletDir: string;
  /** Applets the real BusyBox provides (empty when BusyBox is missing). */
  readonly applets: readonly string[];
  private _n = 0;
  private readonly _umask: number;

  constructor() {
    // Children inherit the umask at spawn time; both sides run with 022. (Not settable in worker threads: there
    // the oracle runs with whatever umask the process has, and a script printing modes would show it.)
    let previous = -1;
    try {
      previous = process.umask(0o022);
    } catch {
      // worker thread
    }
    this._umask = previous;
    // A short, fixed-shape base so paths in messages stay readable; the random part is replaced in output anyway.
    this.base = mkdtempSync(join(tmpdir(), 'll-diff-'));
    this.appletDir = join(this.base, 'bb');
    mkdirSync(this.appletDir);
    const bb = findBinary('busybox');
    if (bb) {
      spawnSync(bb, ['--install', '-s', this.appletDir], { timeout: 10000 });
      this.applets = readdirSync(this.appletDir).sort();
    } else this.applets = [];
  }

  /** A fresh, empty work directory. */
  newRun(): RunDirs {
    const work = join(this.base, `w${String(++this._n).padStart(4, '0')}`);
    mkdirSync(work);
    return { work };
  }

  dispose(): void {
    if (this._umask >= 0) process.umask(this._umask);
    rmSync(this.base, { recursive: true, force: true });
  }

  env(dialect: DiffDialect, dirs: RunDirs): Record<string, string> {
    return {
      PATH: dialect === 'ash' ? `${this.appletDir}:/usr/bin:/bin` : '/usr/bin:/bin',
      HOME: dirs.work,
      LC_ALL: 'C.UTF-8',
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      USER: 'root',
      LOGNAME: 'root',
      SHELL: '/bin/bash',
      TERM: 'dumb',
    };
  }

  /** Replaces the run's temporary paths with placeholders. */
  normalise(o: Outcome, dirs: RunDirs): Outcome {
    const fix = (s: string) => s.split(dirs.work).join('$WORK').split(this.appletDir).join('$APPLETS').split(this.base).join('$BASE');
    return { status: o.status, stdout: fix(o.stdout), stderr: fix(o.stderr) };
  }
}

export const SCRIPT_NAME = 'script.sh';
const REAL_TIMEOUT_MS = 10_000;
const OURS_TIMEOUT_MS = 10_000;

/** Runs the script through the real shell in a fresh work directory. */
export function runReal(ws: DiffWorkspace, script: DiffScript, dialect: DiffDialect): Promise<Outcome> {
  const dirs = ws.newRun();
  writeFileSync(join(dirs.work, SCRIPT_NAME), script.text, { mode: 0o644 });
  const argv = dialect === 'bash' ? ['bash', '--norc', '--noprofile', SCRIPT_NAME] : ['busybox', 'sh', SCRIPT_NAME];
  const bin = findBinary(argv[0]!) ?? argv[0]!;
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      argv.slice(1),
      { cwd: dirs.work, env: ws.env(dialect, dirs) as NodeJS.ProcessEnv, encoding: 'utf8', timeout: REAL_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let status = 0;
        if (error) {
          const e = error as ExecFileException;
          if (e.killed && e.signal === 'SIGKILL') {
            status = 124;
            stderr += `[diff runner: real ${dialect} timed out after ${REAL_TIMEOUT_MS} ms]\n`;
          } else if (typeof e.code === 'number') status = e.code;
          else if (e.signal) status = 128 + (signalNumber(e.signal) ?? 0);
          else {
            status = -1;
            stderr += `[diff runner: ${e.message}]\n`;
          }
        }
        rmSync(dirs.work, { recursive: true, force: true });
        resolve(ws.normalise({ status, stdout, stderr }, dirs));
      },
    );
    child.stdin?.end();
  });
}

/** Maps over `items` with at most `limit` promises pending at once, keeping order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Every script of the dialect through the real shell, `runs` times each, several at once (the oracles are child
 * processes, so they use the other cores while our shell runs in this one). Keyed by `category/name.sh:dialect`.
 */
export async function runRealAll(ws: DiffWorkspace, scripts: readonly DiffScript[], dialect: DiffDialect, runs = 2): Promise<Map<string, Outcome[]>> {
  const jobs = scripts.filter((s) => s.dialects.includes(dialect)).flatMap((s) => Array.from({ length: runs }, () => s));
  const limit = Math.max(2, Math.min(8, availableParallelism()));
  const outcomes = await pool(jobs, limit, (s) => runReal(ws, s, dialect));
  const byKey = new Map<string, Outcome[]>();
  jobs.forEach((s, i) => {
    const k = key(s, dialect);
    byKey.set(k, [...(byKey.get(k) ?? []), outcomes[i]!]);
  });
  return byKey;
}

function signalNumber(sig: NodeJS.Signals): number | null {
  const table: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15 };
  return table[sig] ?? null;
}

/** The registered program that runs the dialect in our simulation, or null when the shell has not landed yet. */
export function shellRegistered(dialect: DiffDialect): boolean {
  const tm = createTestMachine();
  return tm.registry.get(dialect === 'bash' ? 'bash' : 'sh') !== undefined;
}

function mkdirs(fs: FsClient, path: string): void {
  let p = '';
  for (const part of path.split('/').filter(Boolean)) {
    p += `/${part}`;
    try {
      fs.mkdir(p, 0o755);
    } catch {
      // exists
    }
  }
}

/** Lays out the same paths the real run sees in a simulated machine. */
function layoutSim(tm: TestMachine, ws: DiffWorkspace, dirs: RunDirs, script: DiffScript, dialect: DiffDialect): void {
  const fs = tm.fs;
  mkdirs(fs, dirs.work);
  // Same modes as the real directories: mkdtemp makes the base 0700; mkdir under umask 022 makes 0755.
  fs.chmod(ws.base, 0o700);
  fs.chmod(dirs.work, 0o755);
  fs.writeFile(join(dirs.work, SCRIPT_NAME), new TextEncoder().encode(script.text), { mode: 0o644 });
  fs.chmod(join(dirs.work, SCRIPT_NAME), 0o644);
  if (dialect === 'ash') {
    // The multi-call binary (the host rootfs leaves it out of /usr/bin) and links for the applets that both the real
    // BusyBox and our registry have; anything else falls through PATH to /usr/bin, as on the real side.
    try {
      fs.stat('/usr/bin/busybox');
    } catch {
      fs.writeFile('/usr/bin/busybox', executableHeader('busybox'), { mode: 0o755 });
      fs.chmod('/usr/bin/busybox', 0o755);
    }
    mkdirs(fs, ws.appletDir);
    const ours = new Set(tm.registry.names());
    for (const applet of ws.applets) {
      if (ours.has(applet) && applet !== 'bash' && applet !== 'dash') fs.symlink('/usr/bin/busybox', join(ws.appletDir, applet));
    }
  }
}

/** Runs the script through our shell on a fresh simulated machine. */
export async function runOurs(ws: DiffWorkspace, script: DiffScript, dialect: DiffDialect): Promise<Outcome> {
  const dirs = ws.newRun();
  rmSync(dirs.work, { recursive: true, force: true });
  const tm = createTestMachine();
  layoutSim(tm, ws, dirs, script, dialect);
  const options = { cwd: dirs.work, env: ws.env(dialect, dirs), user: 'root' as const };
  const run =
    dialect === 'bash'
      ? runCommand(tm, ['bash', '--norc', '--noprofile', SCRIPT_NAME], { ...options, flavor: 'gnu' })
      : runCommand(tm, ['sh', SCRIPT_NAME], { ...options, flavor: 'busybox' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), OURS_TIMEOUT_MS)));
  try {
    const r = await Promise.race([run.catch((e: unknown) => ({ status: -1, stdout: '', stderr: `[diff runner: ${String(e)}]\n` })), timeout]);
    if (r === 'timeout') {
      for (const p of tm.machine.processes()) tm.machine.kill(p.pid, 'SIGKILL', ROOT);
      return ws.normalise({ status: 124, stdout: '', stderr: `[diff runner: our ${dialect} timed out after ${OURS_TIMEOUT_MS} ms]\n` }, dirs);
    }
    return ws.normalise({ status: r.status, stdout: r.stdout, stderr: r.stderr }, dirs);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison and report

/** A one-line description of the first difference, or null when identical. */
export function describeDifference(real: Outcome, ours: Outcome): string | null {
  const parts: string[] = [];
  if (real.status !== ours.status) parts.push(`status real ${real.status} ours ${ours.status}`);
  for (const stream of ['stdout', 'stderr'] as const) {
    if (real[stream] === ours[stream]) continue;
    const a = real[stream].split('\n');
    const b = ours[stream].split('\n');
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const show = (s: string | undefined) => (s === undefined ? '<end>' : JSON.stringify(s.length > 70 ? `${s.slice(0, 67)}...` : s));
    parts.push(`${stream} line ${i + 1}: real ${show(a[i])} ours ${show(b[i])}`);
  }
  return parts.length ? parts.join('; ') : null;
}

export interface ScriptResult {
  readonly key: string;
  readonly identical: boolean;
  readonly difference: string | null;
  readonly real: Outcome;
  readonly ours: Outcome;
}

export interface DialectReport {
  readonly dialect: DiffDialect;
  readonly results: readonly ScriptResult[];
  readonly identical: number;
  readonly rate: number;
  /** Failing and not in the known-differences map. */
  readonly unexpected: readonly ScriptResult[];
  /** In the map but now identical. */
  readonly fixedKnown: readonly string[];
  /** Failing and listed. */
  readonly known: readonly ScriptResult[];
}

export function key(script: DiffScript, dialect: DiffDialect): string {
  return `${script.id}:${dialect}`;
}

/**
 * Compares our shell with the real outcomes from `runRealAll` (first run of each script).
 * Scripts whose real runs disagree with each other are reported as failures too: such a script is not a fair test.
 */
export async function runDialect(
  ws: DiffWorkspace,
  scripts: readonly DiffScript[],
  dialect: DiffDialect,
  known: Readonly<Record<string, string>>,
  realOutcomes: ReadonlyMap<string, readonly Outcome[]> | Promise<ReadonlyMap<string, readonly Outcome[]>>,
): Promise<DialectReport> {
  // Ours first (in this process) while the real runs may still be going on in child processes.
  const mine = scripts.filter((s) => s.dialects.includes(dialect));
  const oursAll: Outcome[] = [];
  for (const s of mine) oursAll.push(await runOurs(ws, s, dialect));
  const realMap = await realOutcomes;
  const results: ScriptResult[] = [];
  for (const [i, s] of mine.entries()) {
    const k = key(s, dialect);
    const [real, ...again] = realMap.get(k) ?? [];
    if (!real) throw new Error(`no real outcome for ${k}`);
    const ours = oursAll[i]!;
    let difference = describeDifference(real, ours);
    const unstable = again.map((o) => describeDifference(real, o)).find((d) => d !== null);
    if (unstable) difference = `real ${dialect} is not deterministic here (${unstable})`;
    results.push({ key: k, identical: difference === null, difference, real, ours });
  }
  const identical = results.filter((r) => r.identical).length;
  return {
    dialect,
    results,
    identical,
    rate: results.length ? identical / results.length : 1,
    unexpected: results.filter((r) => !r.identical && !(r.key in known)),
    known: results.filter((r) => !r.identical && r.key in known),
    fixedKnown: results.filter((r) => r.identical && r.key in known).map((r) => r.key),
  };
}

export function formatReport(reports: readonly DialectReport[], known: Readonly<Record<string, string>>, versions: readonly string[]): string {
  const lines: string[] = [];
  lines.push(`differential shell suite (${versions.join('; ')})`);
  lines.push('dialect  scripts  identical  known  unexpected  pass rate');
  for (const r of reports) {
    lines.push(
      `${r.dialect.padEnd(8)} ${String(r.results.length).padStart(7)}  ${String(r.identical).padStart(9)}  ${String(r.known.length).padStart(5)}  ${String(r.unexpected.length).padStart(10)}  ${(r.rate * 100).toFixed(1).padStart(8)}%`,
    );
  }
  for (const r of reports) {
    for (const u of r.unexpected) lines.push(`  FAIL ${u.key}: ${u.difference}`);
    for (const k of r.known) lines.push(`  known ${k.key}: ${known[k.key]} [${k.difference}]`);
    for (const f of r.fixedKnown) lines.push(`  NOW PASSING (remove from known differences) ${f}`);
  }
  return lines.join('\n');
}

/** Keys whose real runs (from `runRealAll` with runs >= 2) differ from each other, with the first difference. */
export function oracleNondeterminism(realOutcomes: ReadonlyMap<string, readonly Outcome[]>): string[] {
  const bad: string[] = [];
  for (const [k, [first, ...rest]] of realOutcomes) {
    const d = rest.map((o) => describeDifference(first!, o)).find((x) => x !== null);
    if (d) bad.push(`${k}: ${d}`);
  }
  return bad;
}
