/**
 * stty (coreutils) on the terminal of standard input: `size`, `-a`, `-g`, and the modes the simulated terminal
 * has (icanon, echo, isig; `raw`/`-raw`/`cooked`/`sane` set them together). Without a terminal on stdin it fails
 * as GNU stty does. The other termios settings are reported with a Linux pty's defaults and cannot be changed.
 */

import type { Program, TtyMode } from '../../engine/process/Types';
import { Tool } from './lib/tool';

const FLAGS: Readonly<Record<string, keyof TtyMode>> = { icanon: 'canonical', echo: 'echo', isig: 'isig' };
const IGNORED = new Set(['ixon', 'ixoff', 'icrnl', 'opost', 'onlcr', 'iexten', 'echoe', 'echok', 'echoctl', 'echoke', 'brkint', 'imaxbel', 'iutf8', 'hupcl', 'crtscts', 'clocal', 'cread']);

function all(rows: number, cols: number, m: TtyMode): string {
  const f = (on: boolean, name: string) => (on ? name : `-${name}`);
  return (
    `speed 38400 baud; rows ${rows}; columns ${cols}; line = 0;\n` +
    'intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;\n' +
    'eol2 = <undef>; swtch = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R;\n' +
    `werase = ^W; lnext = ^V; discard = ^O; min = 1; time = 0;\n` +
    '-parenb -parodd -cmspar cs8 -hupcl -cstopb cread -clocal -crtscts\n' +
    '-ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl ixon -ixoff\n' +
    '-iuclc -ixany -imaxbel iutf8\n' +
    'opost -olcuc -ocrnl onlcr -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0\n' +
    `${f(m.isig, 'isig')} ${f(m.canonical, 'icanon')} iexten ${f(m.echo, 'echo')} echoe echok -echonl -noflsh -xcase -tostop -echoprt\n` +
    'echoctl echoke -flusho -extproc\n'
  );
}

export const stty: Program = async (ctx) => {
  const t = new Tool(ctx);
  const args = ctx.argv.slice(1);
  if (args[0] === '--help') return t.help();
  const tty = ctx.stdin.isTTY ? ctx.tty : null;
  if (!tty) {
    await t.error(t.gnu ? "'standard input': Inappropriate ioctl for device" : 'standard input: Not a tty');
    return 1;
  }
  const mode = tty.getMode();
  if (args.length === 0) {
    const diffs = [mode.canonical ? '' : '-icanon', mode.echo ? '' : '-echo', mode.isig ? '' : '-isig'].filter((x) => x !== '');
    await t.out(`speed 38400 baud; line = 0;\n${diffs.length > 0 ? diffs.join(' ') + '\n' : ''}`);
    return 0;
  }
  if (args.length === 1 && args[0] === 'size') {
    await t.out(`${tty.rows} ${tty.columns}\n`);
    return 0;
  }
  if (args.length === 1 && (args[0] === '-a' || args[0] === '--all')) {
    await t.out(all(tty.rows, tty.columns, mode));
    return 0;
  }
  if (args.length === 1 && (args[0] === '-g' || args[0] === '--save')) {
    const lflag = (mode.isig ? 0x1 : 0) | (mode.canonical ? 0x2 : 0) | (mode.echo ? 0x8 : 0) | 0x8a30;
    await t.out(`500:5:bf:${lflag.toString(16)}:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0\n`);
    return 0;
  }
  const next: { -readonly [K in keyof TtyMode]?: boolean } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const neg = a.startsWith('-');
    const name = neg ? a.slice(1) : a;
    if (FLAGS[name]) next[FLAGS[name]] = !neg;
    else if (name === 'raw' || a === 'cbreak') {
      next.canonical = neg;
      if (name === 'raw') next.isig = neg;
    } else if (a === 'cooked' || a === 'sane') Object.assign(next, { canonical: true, isig: true, ...(a === 'sane' ? { echo: true } : {}) });
    else if (/^\d+:/.test(a)) {
      const lflag = parseInt(a.split(':')[3] ?? '0', 16);
      Object.assign(next, { isig: (lflag & 1) !== 0, canonical: (lflag & 2) !== 0, echo: (lflag & 8) !== 0 });
    } else if (a === 'rows' || a === 'cols' || a === 'columns' || a === 'min' || a === 'time' || a === 'speed' || a === 'line') {
      // Window size and timings are the terminal's own here; the value is accepted and left as it is.
      if (a !== 'speed') i++;
    } else if (IGNORED.has(name)) continue;
    else {
      await t.error(`invalid argument ${t.ql(a)}`);
      await ctx.stderr.write(`Try '${t.name} --help' for more information.\n`);
      return 1;
    }
  }
  tty.setMode(next);
  return 0;
};
