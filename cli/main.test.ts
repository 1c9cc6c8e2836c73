/** The CLI's script mode in-process, with a stand-in shell (the child-process tests in cli.test.ts use the real one). */
import { describe, expect, it } from 'vitest';
import type { Program } from '../lib/engine/process/Types';
import { fakeShell } from '../lib/terminal/testing/fakeShell';
import { CrlfToLf, parseCliArgs, runScript, UsageError } from './main';

const NOW = '2026-11-23T10:00:00Z';

async function run(script: string, flags: string[] = [], extra: Record<string, Program> = {}) {
  let out = '';
  const status = await runScript(script, parseCliArgs(['--now', NOW, '--seed', '1', ...flags]), { write: (s) => (out += s), crlfToLf: true }, { bash: fakeShell, ...extra });
  return { status, out };
}

describe('parseCliArgs', () => {
  it('reads flags and the script', () => {
    expect(parseCliArgs(['--echo', '--seed', '42', '--now=2026-01-01T00:00:00Z', '--workdir', '/tmp', 's.sh'])).toEqual({
      echo: true,
      help: false,
      seed: 42,
      now: '2026-01-01T00:00:00Z',
      workdir: '/tmp',
      script: 's.sh',
    });
  });

  it('rejects bad input with a usage error', () => {
    expect(() => parseCliArgs(['--seed', 'x'])).toThrow(UsageError);
    expect(() => parseCliArgs(['--now', 'yesterday'])).toThrow(/invalid time/);
    expect(() => parseCliArgs(['--bogus'])).toThrow(/unknown option '--bogus'/);
    expect(() => parseCliArgs(['a', 'b'])).toThrow(/unexpected argument 'b'/);
    expect(() => parseCliArgs(['--seed'])).toThrow(/requires an argument/);
  });
});

describe('CrlfToLf', () => {
  it('converts across chunk boundaries and keeps a lone \\r', () => {
    const c = new CrlfToLf();
    expect(c.push('a\r') + c.push('\nb\rc') + c.push('\r') + c.flush()).toBe('a\nb\rc\r');
  });
});

describe('runScript', () => {
  it('prints only program output without --echo, and the shell exit status', async () => {
    expect(await run('echo one\necho two\nexit 3\n')).toEqual({ status: 3, out: 'one\ntwo\n' });
  });

  it('shows prompts and typed input with --echo', async () => {
    expect(await run('echo one\n', ['--echo'])).toEqual({ status: 0, out: '$ echo one\none\n$ exit\n' });
  });

  it('types continuation lines and here-docs as typed', async () => {
    const script = 'echo a \\\nb\ncat <<EOF\nline 1\nline 2\nEOF\n';
    // The stand-in shell, like bash, says `exit` at end of input.
    expect((await run(script)).out).toBe('a b\nline 1\nline 2\nexit\n');
    expect((await run(script, ['--echo'])).out).toBe('$ echo a \\\n> b\na b\n$ cat <<EOF\n> line 1\n> line 2\n> EOF\nline 1\nline 2\n$ exit\n');
  });

  it('hands lines to a program reading the terminal, as typed input', async () => {
    const reader: Program = async (ctx) => {
      const line = await ctx.stdin.read();
      await ctx.stdout.write(`read: ${new TextDecoder().decode(line!)}`);
      return 5;
    };
    expect(await run('reader\ntyped for reader\nstatus\n', [], { reader })).toEqual({ status: 5, out: 'read: typed for reader\n5\nexit\n' });
  });

  it('ends with the status of the last command at end of input', async () => {
    expect((await run('false\n', [], { false: async () => 1 })).status).toBe(1);
  });

  it('is byte-identical run to run with --seed and --now', async () => {
    const rnd: Program = async (ctx) => {
      await ctx.stdout.write(`${ctx.sys.random.hex(12)} ${ctx.sys.clock.now()}\n`);
      await ctx.sys.clock.sleep(5000);
      await ctx.stdout.write(`${ctx.sys.clock.now()}\n`);
      return 0;
    };
    const a = await run('rnd\nrnd\n', [], { rnd });
    const b = await run('rnd\nrnd\n', [], { rnd });
    expect(a.out).toBe(b.out);
    expect(a.out.split('\n')[1]).toBe(String(Date.parse(NOW) + 5000));
  });
});
