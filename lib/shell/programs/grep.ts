/**
 * grep: BRE/ERE/fixed patterns (several via -e/-f or newlines), -i -v -w -x -c -l -L -q -s -o -n -h -H -m,
 * context (-A/-B/-C/-NUM with `--` separators), -r/-R with --include/--exclude/--exclude-dir, binary files
 * (`binary file matches` on stderr), `(standard input)` labels. Colour is never emitted. Exit: 0 match, 1 none,
 * 2 error (unless -q found a match).
 */

import { basename, resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program, ProcessContext } from '../../engine/process/Types';
import { descriptorOfPath } from '../../engine/process/descriptors';
import { readAll } from '../../engine/process/streams';
import { decodeText } from '../../engine/process/text';
import type { ReadStream } from '../../engine/process/Types';
import { closeInput, linesOf, openInput } from './lib/input';
import { escapeLiteral, PosixRegex, PosixRegexError, translateRegex, type RegexMatch } from './lib/posix-regex';
import { argErrorText, parseArgs } from './lib/args';
import { TextTool as Tool } from './lib/text-usage';
import { globToRegExp } from './lib/glob-match';

interface Matcher {
  /** All non-empty matches in a line (for -o), leftmost-longest. */
  matches(line: string): RegexMatch[];
  test(line: string): boolean;
}

function buildMatcher(patterns: string[], mode: 'G' | 'E' | 'F', ignoreCase: boolean, word: boolean, line: boolean): Matcher {
  const parts: string[] = [];
  let groups = 0;
  let ambiguous = patterns.length > 1;
  for (const p of patterns) {
    if (mode === 'F') {
      parts.push(escapeLiteral(p));
      continue;
    }
    const t = translateRegex(p, { syntax: mode === 'E' ? 'extended' : 'basic', groupOffset: groups });
    groups += t.groups;
    ambiguous ||= t.ambiguous;
    parts.push(t.source);
  }
  let source = parts.map((p) => `(?:${p})`).join('|');
  if (line) source = `^(?:${source})$`;
  else if (word) source = `(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])`;
  let re: PosixRegex;
  try {
    re = PosixRegex.fromSource(source, groups, ambiguous, ignoreCase);
  } catch {
    throw new PosixRegexError('Invalid regular expression');
  }
  // An empty pattern matches every line; with -w GNU still requires a word boundary context (any line matches).
  return {
    test: (s) => re.test(s),
    matches: (s) => {
      const out: RegexMatch[] = [];
      let from = 0;
      while (from <= s.length) {
        const m = re.exec(s, from);
        if (!m) break;
        if (m.end === m.index) {
          from = m.index + 1;
          continue;
        }
        out.push(m);
        from = m.end;
      }
      return out;
    },
  };
}

export const grep: Program = async (ctx: ProcessContext) => {
  const tool = new Tool(ctx, { gnuUsageStatus: 2 });
  const gnu = ctx.flavor === 'gnu';
  // -NUM is -C NUM.
  const argv = ctx.argv.slice(1).map((a) => (/^-[0-9]+$/.test(a) ? `--context=${a.slice(1)}` : a));
  const parsed = parseArgs(argv, {
    short: 'EFGiyvncrRlLqsowxhHe:f:A:B:C:m:aI',
    long: {
      'extended-regexp': { key: 'E' },
      'fixed-strings': { key: 'F' },
      'basic-regexp': { key: 'G' },
      'ignore-case': { key: 'i' },
      'no-ignore-case': { key: 'no-i' },
      'invert-match': { key: 'v' },
      'line-number': { key: 'n' },
      count: { key: 'c' },
      recursive: { key: 'r' },
      'dereference-recursive': { key: 'R' },
      'files-with-matches': { key: 'l' },
      'files-without-match': { key: 'L' },
      quiet: { key: 'q' },
      silent: { key: 'q' },
      'no-messages': { key: 's' },
      'only-matching': { key: 'o' },
      'word-regexp': { key: 'w' },
      'line-regexp': { key: 'x' },
      'no-filename': { key: 'h' },
      'with-filename': { key: 'H' },
      regexp: { key: 'e', arg: 'required' },
      file: { key: 'f', arg: 'required' },
      'after-context': { key: 'A', arg: 'required' },
      'before-context': { key: 'B', arg: 'required' },
      context: { key: 'C', arg: 'required' },
      'max-count': { key: 'm', arg: 'required' },
      color: { key: 'color', arg: 'optional' },
      colour: { key: 'color', arg: 'optional' },
      include: { key: 'include', arg: 'required' },
      exclude: { key: 'exclude', arg: 'required' },
      'exclude-dir': { key: 'exclude-dir', arg: 'required' },
      label: { key: 'label', arg: 'required' },
      text: { key: 'a' },
      'binary-files': { key: 'binary-files', arg: 'required' },
      help: { key: '--help' },
    },
  });
  if (!parsed.ok) {
    if (gnu) {
      await ctx.stderr.write(`grep: ${argErrorText(parsed.error)}\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
      return 2;
    }
    return tool.argError(parsed.error);
  }
  const a = parsed.args;
  if (a.has('--help')) return tool.help();
  const operands = [...a.operands];

  const patterns: string[] = [];
  let havePatterns = false;
  for (const o of a.options) {
    if (o.key === 'e') {
      patterns.push(...(o.value ?? '').split('\n'));
      havePatterns = true;
    } else if (o.key === 'f') {
      havePatterns = true;
      try {
        const text = decodeText(await readAll(openInput(ctx, o.value ?? '-')));
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        patterns.push(...lines);
      } catch (e) {
        if (!isFsError(e)) throw e;
        await ctx.stderr.write(`grep: ${o.value}: ${e.text}\n`);
        return 2;
      }
    }
  }
  if (!havePatterns) {
    if (operands.length === 0) {
      if (gnu) {
        await ctx.stderr.write(`Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
        return 2;
      }
      await tool.usage();
      return 2;
    }
    patterns.push(...operands.shift()!.split('\n'));
  }
  const invoked = basename(ctx.argv[0] ?? 'grep');
  const mode = (a.last('E', 'F', 'G') ?? (invoked === 'egrep' ? 'E' : invoked === 'fgrep' ? 'F' : 'G')) as 'G' | 'E' | 'F';
  const ignoreCase = (a.has('i') || a.has('y')) && a.last('i', 'y', 'no-i') !== 'no-i';
  let matcher: Matcher;
  try {
    // `-f /dev/null` gives no patterns: nothing matches.
    matcher = patterns.length === 0 ? { test: () => false, matches: () => [] } : buildMatcher(patterns, mode, ignoreCase, a.has('w'), a.has('x'));
  } catch (e) {
    if (!(e instanceof PosixRegexError)) throw e;
    await ctx.stderr.write(`grep: ${e.message}\n`);
    return 2;
  }

  const invert = a.has('v');
  const count = a.has('c');
  const listMatch = a.has('l');
  const listNoMatch = a.has('L');
  const quiet = a.has('q');
  const silent = a.has('s');
  const only = a.has('o');
  const number = a.has('n');
  const recursive = a.has('r') || a.has('R');
  const maxCount = a.get('m') !== undefined ? Number(a.get('m')) : Infinity;
  const ctxNum = (k: string) => {
    const v = a.get(k) ?? a.get('C');
    return v === undefined ? 0 : Number(v);
  };
  const after = ctxNum('A');
  const before = ctxNum('B');
  for (const k of ['A', 'B', 'C', 'm']) {
    const v = a.get(k);
    if (v !== undefined && !/^[0-9]+$/.test(v)) {
      await ctx.stderr.write(k === 'm' ? `grep: invalid max count\n` : `grep: ${v}: invalid context length argument\n`);
      return 2;
    }
  }
  const includes = a.all('include');
  const excludes = a.all('exclude');
  const excludeDirs = a.all('exclude-dir');

  // `grep -r x` with no operand searches `.` but names files without the `./` prefix.
  const implicitDot = operands.length === 0 && recursive;
  if (operands.length === 0) operands.push(recursive ? '.' : '-');
  const multiple = operands.length > 1 || recursive;
  const withName = a.last('H', 'h') === 'H' || (a.last('H', 'h') === undefined && multiple);
  const label = a.get('label') ?? '(standard input)';

  let anyMatch = false;
  let error = false;
  let stopAll = false;

  const report = async (msg: string) => {
    error = true;
    if (!silent) await ctx.stderr.write(`grep: ${msg}\n`);
  };

  const searchStream = async (displayName: string, stream: ReadStream): Promise<void> => {
    let lineNo = 0;
    let matches = 0;
    let lastPrinted = 0;
    let pendingAfter = 0;
    const beforeBuf: { no: number; text: string }[] = [];
    let binary = false;
    let binaryMatched = false;
    const prefix = (no: number, sep: string) => (withName ? `${displayName}${sep}` : '') + (number ? `${no}${sep}` : '');
    const emit = async (no: number, text: string, sep: string) => {
      if ((before > 0 || after > 0) && lastPrinted > 0 && no > lastPrinted + 1) await ctx.stdout.write('--\n');
      await ctx.stdout.write(prefix(no, sep) + text + '\n');
      lastPrinted = no;
    };
    for await (const { line } of linesOf(ctx, stream)) {
      lineNo++;
      if (!binary && line.includes('\0') && !a.has('a') && a.get('binary-files') !== 'text') binary = true;
      const hit = matcher.test(line) !== invert;
      if (!hit || matches >= maxCount) {
        if (matches >= maxCount && pendingAfter === 0) break;
        if (pendingAfter > 0 && !binary) {
          pendingAfter--;
          await emit(lineNo, line, '-');
        } else if (before > 0) {
          beforeBuf.push({ no: lineNo, text: line });
          if (beforeBuf.length > before) beforeBuf.shift();
        }
        continue;
      }
      matches++;
      if (quiet && !(binary && (a.has('I') || a.get('binary-files') === 'without-match'))) {
        anyMatch = true;
        stopAll = true;
        return;
      }
      if (listMatch || listNoMatch) break;
      if (count) continue;
      if (binary) {
        if (a.has('I') || a.get('binary-files') === 'without-match') {
          // -I: a binary file counts as not matching.
          matches = 0;
          break;
        }
        binaryMatched = true;
        break;
      }
      for (const b of beforeBuf) await emit(b.no, b.text, '-');
      beforeBuf.length = 0;
      if (only) {
        if (!invert) for (const m of matcher.matches(line)) await ctx.stdout.write(prefix(lineNo, ':') + line.slice(m.index, m.end) + '\n');
        lastPrinted = lineNo;
      } else await emit(lineNo, line, ':');
      pendingAfter = after;
    }
    if (matches > 0) anyMatch = true;
    if (count) await ctx.stdout.write((withName ? `${displayName}:` : '') + `${matches}\n`);
    if (listMatch && matches > 0) await ctx.stdout.write(`${displayName}\n`);
    if (listNoMatch && matches === 0) await ctx.stdout.write(`${displayName}\n`);
    if (binaryMatched) {
      if (gnu) await ctx.stderr.write(`grep: ${displayName}: binary file matches\n`);
      else await ctx.stdout.write(`Binary file ${displayName} matches\n`);
    }
  };

  const searchPath = async (operand: string, path: string, top: boolean): Promise<void> => {
    if (stopAll) return;
    let st;
    try {
      // A pipe named by /dev/fd/N (`grep x <(cmd)`) has no file to stat: it is read like a regular file.
      st = descriptorOfPath(path) !== null ? { type: 'file' as const } : top && !a.has('R') && recursive ? ctx.fs.stat(path) : recursive && !a.has('R') ? ctx.fs.lstat(path) : ctx.fs.stat(path);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await report(`${operand}: ${e.text}`);
      return;
    }
    if (st.type === 'symlink') return;
    if (st.type === 'dir') {
      if (!recursive) {
        if (gnu) await report(`${operand}: Is a directory`);
        return;
      }
      if (!top && excludeDirs.some((g) => globToRegExp(g).test(basename(path)))) return;
      let names: string[];
      try {
        names = ctx.fs.readdir(path);
      } catch (e) {
        if (!isFsError(e)) throw e;
        await report(`${operand}: ${e.text}`);
        return;
      }
      for (const n of names) {
        await ctx.checkpoint();
        await searchPath(operand === '.' && top && implicitDot ? n : `${operand.replace(/\/$/, '')}/${n}`, `${path === '/' ? '' : path}/${n}`, false);
      }
      return;
    }
    if (!top || recursive) {
      const b = basename(path);
      if (includes.length > 0 && !includes.some((g) => globToRegExp(g).test(b))) return;
      if (excludes.some((g) => globToRegExp(g).test(b))) return;
    }
    let stream;
    try {
      stream = ctx.sys.openRead(ctx.fs, path, ctx.tty, ctx);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await report(`${operand}: ${e.text}`);
      return;
    }
    try {
      await searchStream(operand, stream);
    } finally {
      stream.close();
    }
  };

  for (const op of operands) {
    if (stopAll) break;
    if (op === '-') {
      const s = openInput(ctx, '-');
      await searchStream(label, s);
      closeInput(ctx, s);
      continue;
    }
    await searchPath(op, resolvePath(ctx.cwd, op), true);
  }
  if (quiet && anyMatch) return 0;
  if (error) return 2;
  return anyMatch ? 0 : 1;
};

