/**
 * passwd and chpasswd (shadow 4.13). Passwords are stored as SHA-512 crypt hashes (`$6$`); Debian's PAM would
 * write yescrypt (`$y$`), which layerlab does not implement. passwd -S/-l/-u/-d/-e work on /etc/shadow; a plain
 * `passwd [USER]` reads the new password twice from its input (the terminal, with echo off).
 */

import type { Program, ProcessContext } from '../../../engine/process/Types';
import { readLineFrom } from '../../../engine/process/streams';
import { decodeText } from '../../../engine/process/text';
import { parseArgs } from '../lib/args';
import { sha512Crypt } from './crypt';
import { daysSinceEpoch, loadAccounts, saveAccounts } from './db';

function salt(ctx: ProcessContext): string {
  const chars = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: 16 }, () => chars[ctx.sys.random.int(64)]).join('');
}

function isoDay(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

async function readSecret(ctx: ProcessContext, prompt: string): Promise<string | null> {
  const tty = ctx.stdin.isTTY ? ctx.tty : null;
  const out = tty ?? ctx.stdout;
  await out.write(prompt);
  const mode = tty?.getMode();
  tty?.setMode({ echo: false });
  try {
    const line = await readLineFrom(ctx.stdin);
    return line === null ? null : decodeText(line).replace(/\r?\n$/, '');
  } finally {
    if (tty && mode) tty.setMode({ echo: mode.echo });
    if (tty) await tty.write('\n');
  }
}

export const passwd: Program = async (ctx) => {
  const r = parseArgs(ctx.argv.slice(1), { short: 'adehikln:qr:R:P:Suw:x:', long: { all: { key: 'a' }, delete: { key: 'd' }, expire: { key: 'e' }, help: { key: 'h' }, lock: { key: 'l' }, status: { key: 'S' }, unlock: { key: 'u' }, root: { key: 'R', arg: 'required' }, prefix: { key: 'P', arg: 'required' }, quiet: { key: 'q' } } });
  const err = async (msg: string, status: number) => {
    await ctx.stderr.write(`passwd: ${msg}\n`);
    return status;
  };
  if (!r.ok) return err(`invalid option -- '${r.error.option}'`, 2);
  const a = r.args;
  const self = loadAccounts(ctx.fs).passwd.byId(ctx.cred.uid)?.[0];
  const name = a.operands[0] ?? self ?? String(ctx.cred.uid);
  const admin = ['l', 'u', 'd', 'e', 'S'].find((k) => a.has(k));
  if (ctx.cred.uid !== 0 && (admin !== undefined || name !== self)) {
    if (admin === 'S' && name === self) {
      // users may see their own status
    } else return err(`You may not view or modify password information for ${name}.`, 1);
  }
  const db = loadAccounts(ctx.fs);
  if (!db.passwd.find(name)) return err(`user '${name}' does not exist`, 1);
  const sh = db.shadow.find(name);
  const hash = sh?.[1] ?? 'x';
  if (admin === 'S') {
    const status = hash === '' ? 'NP' : hash.startsWith('!') || hash === '*' ? 'L' : 'P';
    const f = (i: number, d: string) => (sh?.[i] ? sh[i] : d);
    await ctx.stdout.write(`${name} ${status} ${sh?.[2] ? isoDay(Number(sh[2])) : 'never'} ${f(3, '-1')} ${f(4, '-1')} ${f(5, '-1')} ${f(6, '-1')}\n`);
    return 0;
  }
  if (admin !== undefined) {
    if (admin === 'l' && !hash.startsWith('!')) db.shadow.set(name, 1, `!${hash}`);
    if (admin === 'u') {
      if (!hash.startsWith('!')) return 0;
      if (hash === '!') return err('unlocking the password would result in a passwordless account.\nYou should set a password with usermod -p to unlock the password of this account.', 3);
      db.shadow.set(name, 1, hash.slice(1));
    }
    if (admin === 'd') db.shadow.set(name, 1, '');
    if (admin === 'e') db.shadow.set(name, 2, '0');
    saveAccounts(ctx.fs, db);
    await ctx.stdout.write('passwd: password changed.\n');
    return 0;
  }
  const first = await readSecret(ctx, 'New password: ');
  const second = first === null ? null : await readSecret(ctx, 'Retype new password: ');
  if (first === null || second === null || first === '') {
    await ctx.stderr.write('passwd: Authentication token manipulation error\npasswd: password unchanged\n');
    return 10;
  }
  if (first !== second) {
    await ctx.stderr.write('Sorry, passwords do not match.\npasswd: Authentication token manipulation error\npasswd: password unchanged\n');
    return 10;
  }
  db.shadow.set(name, 1, sha512Crypt(first, salt(ctx)));
  db.shadow.set(name, 2, String(daysSinceEpoch(ctx.sys.clock.now())));
  saveAccounts(ctx.fs, db);
  await ctx.stdout.write('passwd: password updated successfully\n');
  return 0;
};

export const chpasswd: Program = async (ctx) => {
  const r = parseArgs(ctx.argv.slice(1), { short: 'c:ehmR:P:s:', long: { 'crypt-method': { key: 'c', arg: 'required' }, encrypted: { key: 'e' }, help: { key: 'h' }, md5: { key: 'm' }, root: { key: 'R', arg: 'required' }, prefix: { key: 'P', arg: 'required' }, 'sha-rounds': { key: 's', arg: 'required' } } });
  if (!r.ok) {
    await ctx.stderr.write(`chpasswd: invalid option -- '${r.error.option}'\n`);
    return 2;
  }
  if (ctx.cred.uid !== 0) {
    await ctx.stderr.write('chpasswd: Permission denied.\nchpasswd: cannot lock /etc/passwd; try again later.\n');
    return 1;
  }
  const db = loadAccounts(ctx.fs);
  const days = String(daysSinceEpoch(ctx.sys.clock.now()));
  let errors = false;
  let n = 0;
  for (let line = await readLineFrom(ctx.stdin); line !== null; line = await readLineFrom(ctx.stdin)) {
    n++;
    const text = decodeText(line).replace(/\r?\n$/, '');
    const colon = text.indexOf(':');
    if (colon < 0) {
      await ctx.stderr.write(`chpasswd: line ${n}: missing new password\n`);
      errors = true;
      continue;
    }
    const [user, pw] = [text.slice(0, colon), text.slice(colon + 1)];
    if (!db.passwd.find(user)) {
      await ctx.stderr.write(`chpasswd: line ${n}: user '${user}' does not exist\n`);
      errors = true;
      continue;
    }
    const hash = r.args.has('e') ? pw : sha512Crypt(pw, salt(ctx));
    if (db.shadow.find(user)) {
      db.shadow.set(user, 1, hash);
      db.shadow.set(user, 2, days);
    } else db.passwd.set(user, 1, hash);
  }
  if (errors) {
    await ctx.stderr.write('chpasswd: error detected, changes ignored\n');
    return 1;
  }
  saveAccounts(ctx.fs, db);
  return 0;
};
