/**
 * chfn (shadow 4.13): change the GECOS field of /etc/passwd (`Full Name,Room,Work Phone,Home Phone[,Other]`, empty
 * fields trimmed off the end). -f/-r/-w/-h set fields, -o (root only) the rest; without them it asks for each on
 * its input. Root may change anyone, users only themselves (the PAM password prompt is not simulated).
 */

import type { Program } from '../../../engine/process/Types';
import { readLineFrom } from '../../../engine/process/streams';
import { decodeText } from '../../../engine/process/text';
import { parseArgs } from '../lib/args';
import { loadAccounts, saveAccounts } from './db';

const FIELDS = [
  { key: 'f', label: 'Full Name', what: 'name' },
  { key: 'r', label: 'Room Number', what: 'room number' },
  { key: 'w', label: 'Work Phone', what: 'work phone' },
  { key: 'h', label: 'Home Phone', what: 'home phone' },
  { key: 'o', label: 'Other', what: 'other' },
] as const;

export const chfn: Program = async (ctx) => {
  const r = parseArgs(ctx.argv.slice(1), {
    short: 'f:h:o:r:R:uw:',
    long: { 'full-name': { key: 'f', arg: 'required' }, 'home-phone': { key: 'h', arg: 'required' }, other: { key: 'o', arg: 'required' }, room: { key: 'r', arg: 'required' }, root: { key: 'R', arg: 'required' }, help: { key: 'u' }, 'work-phone': { key: 'w', arg: 'required' } },
  });
  const fail = async (msg: string, status = 1) => {
    await ctx.stderr.write(`chfn: ${msg}\n`);
    return status;
  };
  if (!r.ok) return fail(`invalid option -- '${r.error.option.replace(/^-+/, '')}'`, 2);
  const root = ctx.cred.uid === 0;
  const db = loadAccounts(ctx.fs);
  const self = db.passwd.byId(ctx.cred.uid)?.[0];
  const name = r.args.operands[0] ?? self ?? '';
  const entry = db.passwd.find(name);
  if (!entry) return fail(`user '${name}' does not exist`);
  if (!root && name !== self) return fail('Permission denied.');
  if (!root && r.args.has('o')) return fail('Permission denied.');
  const old = (entry[4] ?? '').split(',');
  const values = [old[0] ?? '', old[1] ?? '', old[2] ?? '', old[3] ?? '', old.slice(4).join(',')];
  const given = FIELDS.some((f) => r.args.has(f.key));
  if (given) {
    FIELDS.forEach((f, i) => {
      const v = r.args.get(f.key);
      if (v !== undefined) values[i] = v;
    });
  } else {
    await ctx.stdout.write(`Changing the user information for ${name}\nEnter the new value, or press ENTER for the default\n`);
    for (let i = 0; i < FIELDS.length; i++) {
      if (i === 4 && !root) break;
      await ctx.stdout.write(`\t${FIELDS[i]!.label} [${values[i]}]: `);
      const line = await readLineFrom(ctx.stdin);
      const answer = line === null ? '' : decodeText(line).replace(/\n$/, '').trim();
      if (answer !== '') values[i] = answer;
    }
  }
  for (let i = 0; i < 4; i++) {
    if (/[:,=\n]/.test(values[i]!)) return fail(`invalid ${FIELDS[i]!.what}: '${values[i]}'`);
  }
  if (/[:\n]/.test(values[4]!)) return fail(`invalid other: '${values[4]}'`);
  const gecos = `${values.slice(0, 4).join(',')}${values[4] !== '' ? `,${values[4]}` : ''}`.replace(/,+$/, '');
  db.passwd.set(name, 4, gecos);
  saveAccounts(ctx.fs, db);
  return 0;
};
