/** The CLI as a child process (`node bin/layerlab.mjs`), as scripts and other tests use it. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../lib/shell/programs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/layerlab.mjs');
const NOW = '2026-11-23T10:00:00Z';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input: input ?? '', encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function script(name: string, text: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
}

describe('layerlab CLI: arguments', () => {
  it('prints help', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: layerlab \[--echo\]/);
  });

  it('rejects a bad option with status 2 and no stack trace', () => {
    const r = cli(['--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("layerlab: unknown option '--frobnicate'\nTry 'layerlab --help' for more information.\n");
  });

  it('reports a missing script', () => {
    const r = cli([path.join(tmp, 'nope.sh')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`layerlab: ${path.join(tmp, 'nope.sh')}: No such file or directory\n`);
  });

  it('reports a --workdir that is not a directory', () => {
    const r = cli(['--workdir', path.join(tmp, 'nope')], 'true\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a directory');
  });
});

const hasBash = createRegistry().get('bash') !== undefined;
if (!hasBash) console.log('cli.test.ts: skipping shell scripts: no `bash` program is registered yet (lib/shell/interp)');

describe.skipIf(!hasBash)('layerlab CLI: scripts through the real shell', () => {
  const base = ['--now', NOW, '--seed', '1'];

  // Interactive bash says `exit` when it leaves (end of input or the builtin); it is part of what the terminal shows.
  it('types a here-doc over several lines and a quoted string continued on the next line', () => {
    const s = script('heredoc.sh', 'cat <<EOF\nfirst line\nsecond line\nEOF\necho "one\ntwo"\n');
    const r = cli([...base, s]);
    expect(r.stdout).toBe('first line\nsecond line\none\ntwo\nexit\n');
    expect(r.status).toBe(0);
  });

  it('shows the continuation prompt with --echo', () => {
    const r = cli([...base, '--echo', script('cont.sh', 'if true; then\necho in\nfi\n')]);
    expect(r.stdout).toMatch(/\$ if true; then\n> echo in\n> fi\nin\n/);
  });

  it('continues a line that ends with a backslash', () => {
    const r = cli([...base, script('backslash.sh', 'echo one \\\ntwo\n')]);
    expect(r.stdout).toBe('one two\nexit\n');
  });

  it('exits with the status of the last command, or of exit', () => {
    expect(cli([...base, script('false.sh', 'echo x\nfalse\n')]).status).toBe(1);
    expect(cli([...base, script('exit.sh', 'exit 7\necho never\n')])).toMatchObject({ status: 7, stdout: 'exit\n' });
  });

  it('reads the script from piped stdin', () => {
    expect(cli(base, 'echo piped\n')).toMatchObject({ status: 0, stdout: 'piped\nexit\n' });
  });

  it('gives byte-identical output with --seed and --now', () => {
    const s = script('det.sh', 'echo $RANDOM $RANDOM\ntouch f\nls -l\n');
    const a = cli([...base, s]);
    const b = cli([...base, s]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^\d+ \d+\n/);
    expect(cli(['--seed', '2', '--now', NOW, s]).stdout).not.toBe(a.stdout);
  });

  it('shows prompts and typed input with --echo', () => {
    const r = cli([...base, '--echo', script('echo.sh', 'echo hi\n')]);
    expect(r.stdout).toMatch(/\$ echo hi\nhi\n/);
    expect(r.stdout).not.toContain('\r');
  });

  it('prints no escape codes of its own', () => {
    const r = cli([...base, script('plain.sh', 'echo a\necho b\n')]);
    expect(r.stdout).not.toMatch(/\x1b|\r/);
  });

  it('--workdir mounts a real directory read-write and starts there', () => {
    const work = fs.mkdtempSync(path.join(tmp, 'work-'));
    fs.writeFileSync(path.join(work, 'hello.txt'), 'from the real disk\n');
    const r = cli([...base, '--workdir', work, script('work.sh', 'pwd\ncat hello.txt\necho written > out.txt\n')]);
    expect(r.stdout).toBe('/home/learner/work\nfrom the real disk\nexit\n');
    expect(fs.readFileSync(path.join(work, 'out.txt'), 'utf8')).toBe('written\n');
  });
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript) console.log('cli.test.ts: skipping the interactive test: util-linux `script` (to get a pty) is not installed');

describe.skipIf(!hasBash || !hasScript)('layerlab CLI: interactive on a terminal', () => {
  it('runs the shell on the terminal, echoes keys, exits with its status and restores the terminal', async () => {
    const { spawn } = await import('node:child_process');
    // util-linux `script` gives the CLI a pseudo-terminal; -e passes its exit status on.
    const p = spawn('script', ['-qec', `${process.execPath} ${BIN} --now ${NOW} --seed 1`, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const until = async (s: string) => {
      for (let i = 0; i < 600 && !out.includes(s); i++) await new Promise((r) => setTimeout(r, 50));
    };
    const code = new Promise<number | null>((resolve) => p.on('exit', resolve));
    await until('learner@layerlab:~$ ');
    p.stdin.write('echo hi\r');
    await until('hi\r\r\n');
    p.stdin.write('exit 6\r');
    expect(await code).toBe(6);
    expect(out.startsWith('\x1b[?2004h')).toBe(true);
    expect(out).toContain('learner@layerlab:~$ echo hi\r');
    expect(out.endsWith('\x1b[?2004l')).toBe(true);
  });
});
