/** fnmatch(3)-style shell patterns (`*`, `?`, `[...]`, `[!...]`, backslash escapes) as a RegExp over a whole name. */

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < glob.length) out += escapeChar(glob[++i]!);
    else if (c === '[') {
      const end = glob.indexOf(']', i + (glob[i + 1] === '!' || glob[i + 1] === '^' ? 3 : 2));
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      let neg = false;
      if (body[0] === '!' || body[0] === '^') {
        neg = true;
        body = body.slice(1);
      }
      body = body.replace(/\[:(\w+):\]/g, (_m, n: string) => ({ alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n', xdigit: '0-9a-fA-F', punct: '!-/:-@\\[-`{-~' })[n] ?? '');
      body = body.replace(/[\\\]\[^]/g, (m) => '\\' + m);
      out += `[${neg ? '^' : ''}${body}]`;
      i = end;
    } else out += escapeChar(c);
  }
  re = new RegExp(`^${out}$`, 'u');
  cache.set(glob, re);
  return re;
}

function escapeChar(c: string): string {
  return /[\^$\\.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}
