/**
 * tput (ncurses): terminal capabilities from $TERM (or -T) for the terminals the simulation knows (xterm,
 * xterm-256color, screen, tmux, linux, vt100, dumb). cols/lines come from the terminal when there is one.
 * Exit statuses as ncurses': 1 capability absent for this terminal, 2 no $TERM, 3 unknown terminal, 4 unknown
 * capability.
 */

import type { Program } from '../../../engine/process/Types';

const ESC = '\x1b';
const ANSI: Readonly<Record<string, string | ((p: number[]) => string)>> = {
  sgr0: `${ESC}(B${ESC}[m`,
  bold: `${ESC}[1m`,
  dim: `${ESC}[2m`,
  sitm: `${ESC}[3m`,
  ritm: `${ESC}[23m`,
  smul: `${ESC}[4m`,
  rmul: `${ESC}[24m`,
  blink: `${ESC}[5m`,
  rev: `${ESC}[7m`,
  smso: `${ESC}[7m`,
  rmso: `${ESC}[27m`,
  invis: `${ESC}[8m`,
  clear: `${ESC}[H${ESC}[2J${ESC}[3J`,
  el: `${ESC}[K`,
  el1: `${ESC}[1K`,
  ed: `${ESC}[J`,
  home: `${ESC}[H`,
  civis: `${ESC}[?25l`,
  cnorm: `${ESC}[?12l${ESC}[?25h`,
  smcup: `${ESC}[?1049h${ESC}[22;0;0t`,
  rmcup: `${ESC}[?1049l${ESC}[23;0;0t`,
  bel: '\x07',
  cr: '\r',
  cuu1: `${ESC}[A`,
  cud1: '\n',
  cub1: '\b',
  cuf1: `${ESC}[C`,
  sc: `${ESC}7`,
  rc: `${ESC}8`,
  cup: (p) => `${ESC}[${(p[0] ?? 0) + 1};${(p[1] ?? 0) + 1}H`,
  setaf: (p) => `${ESC}[3${p[0] ?? 0}m`,
  setab: (p) => `${ESC}[4${p[0] ?? 0}m`,
  cuu: (p) => `${ESC}[${p[0] ?? 0}A`,
  cud: (p) => `${ESC}[${p[0] ?? 0}B`,
  cuf: (p) => `${ESC}[${p[0] ?? 0}C`,
  cub: (p) => `${ESC}[${p[0] ?? 0}D`,
  hpa: (p) => `${ESC}[${(p[0] ?? 0) + 1}G`,
};

/** setaf/setab of the 256-colour terminals: 0-7 plain, 8-15 bright, beyond that the 38;5;N / 48;5;N form. */
function ansiColour(base: number, n: number): string {
  if (n < 8) return `${ESC}[${base + n}m`;
  if (n < 16) return `${ESC}[${base + 60 + n - 8}m`;
  return `${ESC}[${base + 8};5;${n}m`;
}

const TERMINALS: Readonly<Record<string, { colors: number; ansi: boolean }>> = {
  xterm: { colors: 8, ansi: true },
  'xterm-color': { colors: 8, ansi: true },
  'xterm-256color': { colors: 256, ansi: true },
  screen: { colors: 8, ansi: true },
  'screen-256color': { colors: 256, ansi: true },
  'tmux-256color': { colors: 256, ansi: true },
  linux: { colors: 8, ansi: true },
  vt100: { colors: -1, ansi: true },
  vt220: { colors: -1, ansi: true },
  ansi: { colors: 8, ansi: true },
  dumb: { colors: -1, ansi: false },
};

const NUMERIC = new Set(['cols', 'lines', 'colors', 'it', 'pairs']);

export const tput: Program = async (ctx) => {
  let args = ctx.argv.slice(1);
  let term = ctx.env.get('TERM');
  while (args[0]?.startsWith('-T') || args[0] === '-S' || args[0] === '-x' || args[0] === '-V') {
    const a = args.shift()!;
    if (a.startsWith('-T')) term = a.length > 2 ? a.slice(2) : args.shift();
  }
  if (term === undefined || term === '') {
    await ctx.stderr.write('tput: No value for $TERM and no -T specified\n');
    return 2;
  }
  const info = TERMINALS[term];
  if (!info) {
    await ctx.stderr.write(`tput: unknown terminal "${term}"\n`);
    return 3;
  }
  if (args.length === 0) {
    await ctx.stderr.write('tput: usage: tput [-V] [-S] [-T term] capname\n');
    return 2;
  }
  const [cap, ...rest] = args as [string, ...string[]];
  const params = rest.map((p) => Number(p) || 0);
  if (cap === 'init' || cap === 'reset') return 0;
  if (cap === 'longname') {
    await ctx.stdout.write(term === 'dumb' ? '80-column dumb tty' : 'xterm terminal emulator (X Window System)');
    return 0;
  }
  if (NUMERIC.has(cap)) {
    let v: number;
    if (cap === 'cols') v = ctx.tty?.columns ?? 80;
    else if (cap === 'lines') v = ctx.tty?.rows ?? 24;
    else if (cap === 'colors') v = info.colors;
    else if (cap === 'it') v = 8;
    else v = info.colors === 256 ? 65536 : info.colors === 8 ? 64 : -1;
    await ctx.stdout.write(`${v}\n`);
    return 0;
  }
  const seq = ANSI[cap];
  if (seq === undefined) {
    await ctx.stderr.write(`tput: unknown terminfo capability '${cap}'\n`);
    return 4;
  }
  // A dumb terminal has none of the string capabilities but these three.
  if (!info.ansi && !['bel', 'cr', 'cud1'].includes(cap)) return 1;
  if (info.colors < 0 && (cap === 'setaf' || cap === 'setab')) return 1;
  if (info.colors === 256 && (cap === 'setaf' || cap === 'setab')) {
    await ctx.stdout.write(ansiColour(cap === 'setaf' ? 30 : 40, params[0] ?? 0));
    return 0;
  }
  await ctx.stdout.write(typeof seq === 'string' ? seq : seq(params));
  return 0;
};
