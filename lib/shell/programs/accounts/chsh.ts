/**
 * chsh (shadow 4.13): change a login shell in /etc/passwd. Root may set any absolute path (warning when it does
 * not exist or is not executable); users may change only their own shell, to one listed in /etc/shells (the PAM
 * password prompt a real chsh shows them is not simulated). Without -s it asks for the new shell on its input.
 */

import type { Program } from '../../../engine/process/Types';
import { readLineFrom } from '../../../engine/process/streams';
import { decodeText } from '../../../engine/process/text';
import { parseArgs } from '../lib/args';
import { loadAccounts, saveAccounts } from './db';

export const chsh: Program = async (ctx) => {
  const r = parseArgs(ctx.argv.slice(1), { short: 'hR:P:s:', long: { help: { key: 'h' }, root: { key: 'R', arg: 'required' }, prefix: { key: 'P', arg: 'required' }, shell: { key: 's', arg: 'required' } } });
  const fail = async (msg: string, status = 1) => {
    await ctx.stderr.write(`chsh: ${msg}\n`);
    return status;
  };
  if (!r.ok) return fail(`invalid option -- '${r.error.option}'`, 2);
  const db = loadAccounts(ctx.fs);
  const self = db.passwd.byId(ctx.cred.uid)?.[0];
  const name = r.args.operands[0] ?? self ?? '';
  const entry = db.passwd.find(name);
  if (!entry) return fail(`user '${name}' does not exist`);
  const root = ctx.cred.uid === 0;
  if (!root && name !== self) return fail(`You may not change the shell for '${name}'.`);
  let shell = r.args.get('s');
  if (shell === undefined) {
    await ctx.stdout.write(`Changing the login shell for ${name}\nEnter the new value, or press ENTER for the default\n\tLogin Shell [${entry[6]}]: `);
    const line = await readLineFrom(ctx.stdin);
    shell = line === null ? '' : decodeText(line).trim();
    if (shell === '') shell = entry[6]!;
  }
  let allowed: string[] = [];
  try {
    allowed = decodeText(ctx.fs.readFile('/etc/shells')).split('\n').map((l) => l.trim()).filter((l) => l.startsWith('/'));
  } catch {
    // no /etc/shells: nothing is a listed shell
  }
  if (!shell.startsWith('/') || (!root && !allowed.includes(shell))) return fail(`${shell} is an invalid shell`);
  try {
    ctx.fs.access(shell, 1);
  } catch {
    let exists = true;
    try {
      ctx.fs.stat(shell);
    } catch {
      exists = false;
    }
    await ctx.stderr.write(`chsh: Warning: ${shell} ${exists ? 'is not executable' : 'does not exist'}\n`);
  }
  db.passwd.set(name, 6, shell);
  saveAccounts(ctx.fs, db);
  return 0;
};
