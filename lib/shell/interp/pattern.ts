/**
 * Shell patterns (`case`, `[[ == ]]`, `${x#p}`, pathname expansion) compiled to regular expressions.
 * A pattern string uses `\` to quote the next character: the expander escapes quoted parts that way.
 */

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
  word: 'A-Za-z0-9_',
};

const cache = new Map<string, RegExp>();

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}

/** True when the pattern has an unquoted `*`, `?` or `[`. */
export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && pattern.indexOf(']', i + 2) > 0) return true;
  }
  return false;
}

/** Regex source for a pattern (no anchors). `pathname`: wildcards do not match `/`. */
export function patternSource(p: string, pathname = false): string {
  let out = '';
  const any = pathname ? '[^/]' : '[\\s\\S]';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      i++;
      out += i < p.length ? escapeRe(p[i]!) : '\\\\';
    } else if (c === '*') {
      while (p[i + 1] === '*') i++;
      out += any + '*';
    } else if (c === '?') out += any;
    else if (c === '[') {
      const r = bracket(p, i);
      if (r === null) out += '\\[';
      else {
        out += r.source;
        i = r.end;
      }
    } else out += escapeRe(c);
  }
  return out;
}

function bracket(p: string, start: number): { source: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (p[i] === '!' || p[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < p.length; i++) {
    const c = p[i]!;
    if (c === ']' && !first) return { source: `[${negate ? '^' : ''}${body}]`, end: i };
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      if (close > 0) {
        const cls = CLASSES[p.slice(i + 2, close)];
        if (cls !== undefined) {
          body += cls;
          i = close + 1;
          continue;
        }
      }
    }
    if (c === '\\' && i + 1 < p.length) {
      i++;
      body += '\\' + p[i]!;
      continue;
    }
    if (c === '-' && body !== '' && p[i + 1] !== ']') {
      body += '-';
      continue;
    }
    body += c === '\\' || c === ']' || c === '[' || c === '^' || c === '-' ? '\\' + c : c;
  }
  return null;
}

export function compilePattern(p: string, pathname = false): RegExp {
  const key = (pathname ? '/' : ' ') + p;
  let re = cache.get(key);
  if (!re) {
    try {
      re = new RegExp('^' + patternSource(p, pathname) + '$', 'u');
    } catch {
      re = new RegExp('^' + escapeAll(p) + '$', 'u');
    }
    if (cache.size > 2000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

function escapeAll(p: string): string {
  return [...p.replace(/\\(.)/g, '$1')].map(escapeRe).join('');
}

export function matchPattern(p: string, s: string): boolean {
  if (!hasGlobChars(p)) return unescapePattern(p) === s;
  return compilePattern(p).test(s);
}

/** Pattern text with quoting backslashes removed (its literal meaning). */
export function unescapePattern(p: string): string {
  return p.includes('\\') ? p.replace(/\\([\s\S])/g, '$1') : p;
}

/** Quotes every pattern-special character of a literal string. */
export function quotePattern(s: string): string {
  return s.replace(/[\\*?[\]]/g, '\\$&');
}

/** `${x#p}` and friends: removes the shortest/longest matching prefix or suffix. */
export function trimPattern(value: string, p: string, op: '#' | '##' | '%' | '%%'): string {
  const re = compilePattern(p);
  const n = value.length;
  if (op === '#') {
    for (let i = 0; i <= n; i++) if (re.test(value.slice(0, i))) return value.slice(i);
  } else if (op === '##') {
    for (let i = n; i >= 0; i--) if (re.test(value.slice(0, i))) return value.slice(i);
  } else if (op === '%') {
    for (let i = n; i >= 0; i--) if (re.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = 0; i <= n; i++) if (re.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

/** bash `${x/p/r}`: replaces the longest match (first, all, or anchored). */
export function replacePattern(value: string, p: string, rep: string, all: boolean, anchor: '' | '#' | '%'): string {
  const re = compilePattern(p);
  const n = value.length;
  if (p === '') return anchor === '#' ? rep + value : anchor === '%' ? value + rep : value;
  if (anchor === '#') {
    for (let j = n; j >= 0; j--) if (re.test(value.slice(0, j))) return rep + value.slice(j);
    return value;
  }
  if (anchor === '%') {
    for (let i = 0; i <= n; i++) if (re.test(value.slice(i))) return value.slice(0, i) + rep;
    return value;
  }
  let out = '';
  let i = 0;
  while (i <= n) {
    let matched = -1;
    for (let j = n; j > i; j--) {
      if (re.test(value.slice(i, j))) {
        matched = j;
        break;
      }
    }
    if (matched < 0) {
      if (i < n) out += value[i];
      i++;
      continue;
    }
    out += rep;
    i = matched;
    if (!all) return out + value.slice(i);
  }
  return out;
}
