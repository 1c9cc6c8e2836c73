/**
 * Golden transcripts: each `__fixtures__/*.session` is exactly what the terminal shows for a session typed into the
 * headless CLI with `--echo --seed 1 --now 2026-11-23T10:00:00Z`, prompts and all. The runner takes the lines the
 * learner typed (the text after each `learner@layerlab:…$ ` or `> ` prompt), types them again with the real shell
 * and programs, and compares the whole transcript byte for byte.
 *
 * To re-record after an intended change: `UPDATE_GOLDEN=1 npx vitest run cli/golden.test.ts`, then read the diff.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs, runScript } from './main';
import { renderScreen } from './screen';

const DIR = path.join(import.meta.dirname, '__fixtures__');
/** Prompts: the host's bash, bash in a container (`root@<id>:/# `), BusyBox/Alpine sh (`/ # `), continuations. */
const PROMPT = /^(?:[a-z]+@[a-z0-9]+:[^$#\n]*[$#] |\/[^\s]* # |> )/;

/**
 * The typed lines of a transcript: whatever follows a prompt at the start of a line. The transcript's last line,
 * a prompt followed by `exit`, is bash's own answer to the end of input (Ctrl-D), not something typed.
 */
export function typedLines(transcript: string): string[] {
  const lines = transcript.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out: string[] = [];
  lines.forEach((line, i) => {
    const m = PROMPT.exec(line);
    if (!m) return;
    const text = line.slice(m[0].length);
    if (i === lines.length - 1 && text === 'exit') return;
    out.push(text);
  });
  return out;
}

async function replay(typed: readonly string[]): Promise<string> {
  let out = '';
  const options = parseCliArgs(['--echo', '--seed', '1', '--now', '2026-11-23T10:00:00Z']);
  await runScript(typed.join('\n') + '\n', options, { write: (s) => (out += s), crlfToLf: true });
  // What the terminal shows: progress lines rewritten in place end up as their final text.
  return renderScreen(out);
}

const sessions = readdirSync(DIR).filter((f) => f.endsWith('.session')).sort();

describe('golden transcripts', () => {
  it('has sessions to check', () => {
    expect(sessions.length).toBeGreaterThan(0);
  });

  for (const name of sessions) {
    it(name, async () => {
      const file = path.join(DIR, name);
      const expected = readFileSync(file, 'utf8');
      const actual = await replay(typedLines(expected));
      if (process.env.UPDATE_GOLDEN && actual !== expected) writeFileSync(file, actual);
      else expect(actual).toBe(expected);
    });
  }
});
