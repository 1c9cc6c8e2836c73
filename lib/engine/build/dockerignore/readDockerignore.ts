/**
 * `.dockerignore` file reading as moby/patternmatcher's `ignorefile.ReadAll` (docker.md §7): BOM removed from the
 * first line, `#` comments only at column 0, lines trimmed, empty lines skipped, `!` exceptions (space after `!`
 * trimmed), patterns cleaned like Go's filepath.Clean and a leading `/` removed.
 */
import { goClean } from './goPath';

/** Go's bufio.Scanner limit: a longer line fails the whole read. */
const MAX_LINE_BYTES = 64 * 1024 - 1;

export class DockerignoreError extends Error {
  override readonly name = 'DockerignoreError';
}

const isSpace = (c: string) => /^[\t\n\v\f\r \u0085\u00a0\p{White_Space}]$/u.test(c);
function trimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isSpace(s[i]!)) i++;
  while (j > i && isSpace(s[j - 1]!)) j--;
  return s.slice(i, j);
}

export function readDockerignore(text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // a final newline does not start another line
  lines.forEach((rawLine, index) => {
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine; // ScanLines drops one trailing \r
    if (new TextEncoder().encode(rawLine).length > MAX_LINE_BYTES) {
      throw new DockerignoreError('error reading .dockerignore: bufio.Scanner: token too long');
    }
    if (index === 0 && line.startsWith('\ufeff')) line = line.slice(1);
    if (line.startsWith('#')) return;
    let pattern = trimSpace(line);
    if (pattern === '') return;
    const invert = pattern[0] === '!';
    if (invert) pattern = trimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern[0] === '/') pattern = pattern.slice(1);
    }
    out.push(invert ? '!' + pattern : pattern);
  });
  return out;
}
