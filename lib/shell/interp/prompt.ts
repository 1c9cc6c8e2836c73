/** Prompt strings: bash/BusyBox backslash escapes (`\u@\h:\w\$ `), then `$VAR` expansion. */
import { basename } from '../../engine/fs/path';
import type { Shell } from './Shell';

export function renderPrompt(sh: Shell, ps: string): string {
  let out = ps;
  if (sh.dialect.name !== 'dash') {
    const home = sh.getVar('HOME');
    const cwd = sh.getVar('PWD') ?? sh.ctx.cwd;
    const w = home && home !== '/' && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd;
    const host = sh.ctx.sys.hostname();
    const date = new Date(sh.ctx.sys.clock.now());
    const pad = (n: number) => String(n).padStart(2, '0');
    out = ps.replace(/\\([uhHwW$nrsvVjtTdae\\[\]!#@AD]|[0-7]{3})/g, (_m, c: string) => {
      switch (c) {
        case 'u':
          return sh.userName();
        case 'h':
          return host.split('.')[0]!;
        case 'H':
          return host;
        case 'w':
          return w;
        case 'W':
          return w === '~' ? '~' : basename(cwd) || '/';
        case '$':
          return sh.ctx.cred.uid === 0 ? '#' : '$';
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 's':
          return sh.dialect.name === 'bash' ? 'bash' : 'sh';
        case 'v':
          return '5.2';
        case 'V':
          return '5.2.15';
        case 'j':
          return String(sh.jobs.length);
        case 't':
          return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
        case 'A':
          return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
        case 'a':
          return '\x07';
        case 'e':
          return '\x1b';
        case '\\':
          return '\\';
        case '[':
        case ']':
          return '';
        case '!':
        case '#':
          return String(sh.history.length + 1);
        default:
          if (/^[0-7]{3}$/.test(c)) return String.fromCharCode(parseInt(c, 8));
          return '';
      }
    });
  }
  return out.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, n: string) => sh.getVar(n) ?? '');
}
