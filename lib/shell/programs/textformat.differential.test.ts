/**
 * Differential tests for fmt, pr and csplit: each case runs GNU coreutils in a temporary directory and ours in the
 * same tree, comparing stdout, stderr, the exit status and (for csplit) the files left behind.
 */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import type { FixtureEntry } from './testing/file-fixtures';
import { hasTool } from './testing/real-tools';
import { expectSameAsReal } from './testing/tree-differential';

const PARA =
  'The quick brown fox jumps over the lazy dog. This is a sentence.  And here is another one, with a comma, and (parentheses) too!\n' +
  'Short line.\n\n' +
  '    Indented paragraph that goes on for quite a while so that it needs to be wrapped around at least once or twice, maybe more.\n' +
  '    Second line of the indented paragraph.\n  Differently indented line.\n\n' +
  '# comment line one that is rather long and has many words so fmt must wrap it nicely with the prefix option\n# comment line two\ncode line\n';
const WORDS = Array.from({ length: 1500 }, (_, i) => `w${(i * 7919) % 1000}${i % 13 === 0 ? '.' : i % 17 === 0 ? ',' : ''}`).join(' ') + '\n';
const LINES = Array.from({ length: 130 }, (_, i) => `line ${i + 1}${i % 10 === 4 ? ' marker' : ''}`).join('\n') + '\n';
/** 2026-11-23 10:20 UTC: pr prints the file's modification time in its header. */
const MTIME = Date.UTC(2026, 10, 23, 10, 20, 0);

const TREE: readonly FixtureEntry[] = [
  { path: 'para', type: 'file', content: PARA, mtimeMs: MTIME },
  { path: 'tabs', type: 'file', content: '\tTabbed paragraph with quite a few words that should wrap somewhere before the end of the line, really.\n\tAnd more.\n', mtimeMs: MTIME },
  { path: 'long', type: 'file', content: WORDS, mtimeMs: MTIME },
  { path: 'noeol', type: 'file', content: 'no newline at the end of this one', mtimeMs: MTIME },
  { path: 'tagged', type: 'file', content: 'First line of a tagged paragraph here.\n   second line with other indent and more words to wrap around the width.\nOne.\n', mtimeMs: MTIME },
  { path: 'utf', type: 'file', content: 'héllo wörld ünïcode ' .repeat(8) + '\n', mtimeMs: MTIME },
  { path: 'lines', type: 'file', content: LINES, mtimeMs: MTIME },
  { path: 'short', type: 'file', content: 'a\nb\nc\n', mtimeMs: MTIME },
  { path: 'empty', type: 'file', content: '', mtimeMs: MTIME },
  { path: 'ff', type: 'file', content: 'x\fy\n', mtimeMs: MTIME },
  { path: 'ff2', type: 'file', content: 'x\fy\fz', mtimeMs: MTIME },
  { path: 'ff3', type: 'file', content: 'x\n\fy\n', mtimeMs: MTIME },
  { path: 'ff4', type: 'file', content: 'x\n\f', mtimeMs: MTIME },
  { path: 'ff5', type: 'file', content: 'x\n\f\f\ny\n', mtimeMs: MTIME },
  { path: 'spaces', type: 'file', content: 'a   b      c\n    lead\ntrail    \n\t tab\n', mtimeMs: MTIME },
  { path: 'n20', type: 'file', content: Array.from({ length: 20 }, (_, i) => `${i + 1}\n`).join('') },
  { path: 'dir', type: 'dir' },
];

const CASES: string[][] = [
  ['fmt', 'para'],
  ['fmt', '-w', '40', 'para'],
  ['fmt', '-40', 'para'],
  ['fmt', '-g', '50', 'para'],
  ['fmt', '-w', '50', '-g', '30', 'para'],
  ['fmt', '-p', '#', '-w', '30', 'para'],
  ['fmt', '-p', '  # ', 'para'],
  ['fmt', '-c', 'para'],
  ['fmt', '-t', 'para'],
  ['fmt', '-t', 'tagged'],
  ['fmt', '-s', '-w', '20', 'para'],
  ['fmt', '-u', 'para'],
  ['fmt', 'tabs'],
  ['fmt', '-w', '30', 'tabs'],
  ['fmt', 'long'],
  ['fmt', '-w', '2500', 'long'],
  ['fmt', 'noeol'],
  ['fmt', '-w', '10', 'utf'],
  ['fmt', '-w', '0', 'para'],
  ['fmt', '-w', '3000', 'para'],
  ['fmt', '-g', '80', 'para'],
  ['fmt', '-5x', 'para'],
  ['fmt', '-w', '10', '-12', 'para'],
  ['fmt', 'nofile', 'short'],
  ['fmt', 'dir'],
  ['fmt', '-x'],
  ['pr', 'short'],
  ['pr', 'lines'],
  ['pr', '-l', '20', 'lines', 'short'],
  ['pr', '-h', 'My Title', '-l', '15', 'short'],
  ['pr', '-h', '', '-l', '12', 'short'],
  ['pr', '-h', 'a very long header that is longer than the whole width of the page itself so yes', '-l', '12', 'short'],
  ['pr', '-w', '30', '-l', '12', 'short'],
  ['pr', '-l', '10', 'short'],
  ['pr', '-t', '-n', 'short', 'short'],
  ['pr', '-t', '-n:3', 'short'],
  ['pr', '-t', '-nx', 'short'],
  ['pr', '-t', '-n10', 'short'],
  ['pr', '-t', '-N', '-3', '-n', 'short'],
  ['pr', '-n2', '-t', 'lines'],
  ['pr', '-t', '-o', '2', '-d', '-n', 'short'],
  ['pr', '-o', '3', '-l', '12', 'short'],
  ['pr', '-d', '-l', '13', 'short'],
  ['pr', '-F', '-l', '12', 'short'],
  ['pr', '-f', '-l', '14', 'lines'],
  ['pr', '-T', 'lines'],
  ['pr', '-D', '%Y', '-l', '11', 'short'],
  ['pr', '--header=H', '--length=12', '--omit-header', 'short'],
  ['pr', '-l', '12', 'ff', 'ff2', 'ff3', 'ff4', 'ff5'],
  ['pr', '-t', 'ff', 'ff2', 'ff3', 'ff4', 'ff5'],
  ['pr', 'empty', 'noeol'],
  ['pr', '-t', 'nofile', 'short', 'dir'],
  ['pr', '-r', 'nofile'],
  ['pr', '-N', 'x', 'short'],
  ['pr', '-l'],
  ['pr', '-l', '-5', 'short'],
  ['pr', '-l', '0', 'short'],
  ['pr', '-l', 'x', 'short'],
  ['pr', '-w', '0', 'short'],
  ['pr', '-w', 'x', 'short'],
  ['pr', '-o', 'x', 'short'],
  ['pr', '-o', '-1', 'short'],
  ['pr', '-n0', '-t', 'short'],
  ['pr', '-n:2x', '-t', 'short'],
  ['pr', '--length=x', 'short'],
  ['pr', '-z'],
  ['pr', '-t', '-3', 'short'],
  ['pr', '-t', '-3', 'n20'],
  ['pr', '-t', '-4', 'n20'],
  ['pr', '-t', '-3', '-a', 'n20'],
  ['pr', '-t', '-2', '-s:', 'n20'],
  ['pr', '-t', '-2', '-s', 'n20'],
  ['pr', '-t', '-3', '-w', '30', 'n20'],
  ['pr', '-t', '-2', '-s:', '-w', '20', 'para'],
  ['pr', '-t', '-3', 'para', 'tabs'],
  ['pr', '-3', '-l', '14', 'n20'],
  ['pr', '-2', 'lines'],
  ['pr', '-2', '-d', '-l', '20', 'lines'],
  ['pr', '-t', '-2', '-o', '3', 'n20'],
  ['pr', '--columns=3', '--across', '-t', 'n20'],
  ['pr', '-12', '-t', 'n20'],
  ['pr', '-t', '-2', '-s', '-w', '30', 'para'],
  ['pr', '-t', '-2', '-a', '-s,', 'spaces', 'n20'],
  ['pr', '-t', '-4', '-w', '40', 'para'],
  ['pr', '-2', '-h', 'Cols', '-l', '16', '-o', '2', 'para'],
];

const compare = (argv: string[], stdin?: string) => expectSameAsReal(TREE, argv, { mtime: MTIME, ...(stdin !== undefined ? { stdin } : {}) });

describe('fmt, pr and csplit match GNU coreutils', () => {
  for (const argv of CASES) {
    it.skipIf(!hasTool(argv[0]!))(argv.join(' '), () => compare(argv));
  }
  it.skipIf(!hasTool('fmt'))('fmt reads standard input', () => compare(['fmt', '-w', '20'], PARA));
  it.skipIf(!hasTool('pr'))('pr -t reads standard input', () => compare(['pr', '-t', '-n'], LINES));
  it('pr says what it does not simulate', async () => {
    const tm = createTestMachine();
    expect(await runCommand(tm, ['pr', '-t', '-2', '-n'], { stdin: 'a\n' })).toMatchObject({ stdout: '', stderr: 'pr: numbering columns (-n with -COLUMN) is not simulated\n', status: 1 });
    expect(await runCommand(tm, ['pr', '-m', 'a', 'b'])).toMatchObject({ stderr: 'pr: -m is not simulated\n', status: 1 });
  });
});

/** Commands compared by output and by the files they leave (names and contents). */
const STATE_CASES: string[][] = [
  ['csplit', 'n20', '5', '/1[0-9]/', '{2}'],
  ['csplit', 'n20', '/7/', '{*}'],
  ['csplit', 'n20', '/zz/'],
  ['csplit', 'n20', '5', '/zz/'],
  ['csplit', '-k', 'n20', '5', '/zz/'],
  ['csplit', 'n20', '5', '{9}'],
  ['csplit', '-k', 'n20', '5', '{9}'],
  ['csplit', 'n20', '/1/', '{*}'],
  ['csplit', 'n20', '/1/', '/1/'],
  ['csplit', 'n20', '5', '/5/'],
  ['csplit', 'n20', '%1%', '/1/'],
  ['csplit', 'n20', '/5/-2', '/5/+2'],
  ['csplit', 'n20', '/19/+3'],
  ['csplit', 'n20', '/3/-5'],
  ['csplit', 'n20', '10', '/5/-7'],
  ['csplit', 'n20', '/7/', '{5}'],
  ['csplit', 'n20', '5', '5'],
  ['csplit', 'n20', '5', '/3/'],
  ['csplit', 'n20', '20'],
  ['csplit', 'n20', '21'],
  ['csplit', 'n20', '0'],
  ['csplit', 'n20', 'x'],
  ['csplit', 'n20', '/[/'],
  ['csplit', 'n20', '/a[/'],
  ['csplit', 'n20', '/[a/'],
  ['csplit', 'n20', '/a\\{1/'],
  ['csplit', 'n20', '/\\(/'],
  ['csplit', 'n20', '5', '{x}'],
  ['csplit', 'n20', '{3}'],
  ['csplit', '-n', 'x', 'n20', '5'],
  ['csplit', '-f'],
  ['csplit', 'n20'],
  ['csplit', '-z', 'n20', '5', '5'],
  ['csplit', 'n20', '/2/', '%3%', '4'],
  ['csplit', '-s', '-z', 'n20', '1', '%5%', '/8/+1', '/12/-1'],
  ['csplit', '-f', 'p', '-n', '3', '-b', '%02d.txt', 'n20', '10'],
  ['csplit', '-b', '%d', 'n20', '5'],
  ['csplit', '-b', 'x', 'n20', '5'],
  ['csplit', '-b', '%s', 'n20', '5'],
  ['csplit', '-n', '1', 'n20', '5', '10', '15'],
  ['csplit', '--suppress-matched', 'n20', '5'],
  ['csplit', '--suppress-matched', 'n20', '/1/', '{*}'],
  ['csplit', 'n20', '/5/x'],
  ['csplit', 'n20', '/5/+'],
  ['csplit', 'n20', '/5'],
  ['csplit', 'n20', '%5'],
  ['csplit', 'n20', '5', '{*}'],
  ['csplit', 'nofile', '5'],
  ['csplit', 'noeol', '/end/'],
  ['csplit', 'utf', '/ünï/'],
];

describe('csplit leaves the same files as GNU', () => {
  for (const argv of STATE_CASES) {
    it.skipIf(!hasTool(argv[0]!))(argv.join(' '), () => expectSameAsReal(TREE, argv, { mtime: MTIME, files: { skip: new Set(['dir']) } }));
  }
});
