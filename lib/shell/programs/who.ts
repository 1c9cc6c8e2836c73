/**
 * logname, users, who and pinky (coreutils). They read the login records (utmp) and the login uid; a container has
 * neither (no /var/run/utmp, loginuid unset), and layerlab keeps no login records on the host either, so these
 * report what a real machine reports with no utmp: no users, `logname: no login name`, pinky's bare header.
 */

import type { Program } from '../../engine/process/Types';
import { decodeText } from '../../engine/process/text';
import { Tool } from './lib/tool';

export const logname: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({});
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length > 0) return t.usage(`extra operand ${t.ql(parsed.operands[0]!)}`);
  await t.error('no login name');
  return 1;
};

export const users: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({});
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length > 1) return t.usage(`extra operand ${t.ql(parsed.operands[1]!)}`);
  return 0;
};

export const who: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: 'abdHlmpqrsTtuw',
    long: { all: { key: 'a' }, boot: { key: 'b' }, dead: { key: 'd' }, heading: { key: 'H' }, login: { key: 'l' }, lookup: { key: 'lookup' }, process: { key: 'p' }, count: { key: 'q' }, runlevel: { key: 'r' }, short: { key: 's' }, time: { key: 't' }, mesg: { key: 'T' }, writable: { key: 'T' }, users: { key: 'u' }, message: { key: 'T' } },
  });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length > 2) return t.usage(`extra operand ${t.ql(parsed.operands[2]!)}`);
  if (parsed.has('q')) {
    await t.out('\n# users=0\n');
    return 0;
  }
  if (parsed.has('H')) await t.out(parsed.has('a') || parsed.has('T') ? 'NAME       LINE         TIME             IDLE          PID COMMENT  EXIT\n' : 'NAME     LINE         TIME             COMMENT\n');
  return 0;
};

interface Passwd {
  readonly name: string;
  readonly gecos: string;
  readonly home: string;
  readonly shell: string;
}

function passwdEntry(text: string, name: string): Passwd | undefined {
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length >= 7) return { name, gecos: f[4]!, home: f[5]!, shell: f[6]! };
  }
  return undefined;
}

/** pinky's short-format heading (-w drops Name, -i also Where, -q also Idle), as coreutils 9.1 prints it. */
function pinkyHeading(w: boolean, i: boolean, q: boolean): string {
  if (q) return 'Login     TTY      When            \n';
  if (i) return 'Login     TTY      Idle   When            \n';
  if (w) return 'Login     TTY      Idle   When             Where\n';
  return 'Login    Name                 TTY      Idle   When             Where\n';
}

export const pinky: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'lbhpsfwiq' });
  if (typeof parsed === 'number') return parsed;
  if (!parsed.has('l')) {
    if (!parsed.has('f')) await t.out(pinkyHeading(parsed.has('w'), parsed.has('i'), parsed.has('q')));
    return 0;
  }
  if (parsed.operands.length === 0) return t.usage('no username specified; at least one must be specified when using -l');
  let passwd = '';
  try {
    passwd = decodeText(ctx.fs.readFile('/etc/passwd'));
  } catch {
    // no passwd file: every user is unknown
  }
  for (const name of parsed.operands) {
    const p = passwdEntry(passwd, name);
    if (!p) {
      await t.out(`Login name: ${name.padEnd(28)}In real life:  ???\n`);
      continue;
    }
    // The GECOS full name; `&` stands for the capitalised login name (finger's convention).
    const real = (p.gecos.split(',')[0] ?? '').replace(/&/g, name.charAt(0).toUpperCase() + name.slice(1));
    let text = `Login name: ${name.padEnd(28)}In real life:  ${real}\n`;
    if (!parsed.has('b')) text += `Directory: ${p.home.padEnd(29)}Shell:  ${p.shell}\n`;
    await t.out(`${text}\n`);
  }
  return 0;
};
