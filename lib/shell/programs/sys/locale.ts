/**
 * locale (glibc): the categories as the environment sets them, `-a` for the locales the images ship (C, C.utf8,
 * POSIX: Debian and Ubuntu base images have no others), `-m`, and `locale charmap`-style keyword queries.
 * Unknown locales make glibc warn, as `locale` does when LANG names one that is not installed.
 */

import type { Program } from '../../../engine/process/Types';

const CATEGORIES = ['LC_CTYPE', 'LC_NUMERIC', 'LC_TIME', 'LC_COLLATE', 'LC_MONETARY', 'LC_MESSAGES', 'LC_PAPER', 'LC_NAME', 'LC_ADDRESS', 'LC_TELEPHONE', 'LC_MEASUREMENT', 'LC_IDENTIFICATION'];
const INSTALLED = ['C', 'C.utf8', 'POSIX'];

function installed(name: string): boolean {
  const n = name.replace(/\.UTF-8$/i, '.utf8');
  return name === '' || INSTALLED.includes(n);
}

export const locale: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const env = ctx.env;
  const all = env.get('LC_ALL') ?? '';
  const lang = env.get('LANG') ?? '';
  if (args.includes('-a') || args.includes('--all-locales')) {
    await ctx.stdout.write(INSTALLED.join('\n') + '\n');
    return 0;
  }
  if (args.includes('-m') || args.includes('--charmaps')) {
    await ctx.stdout.write('ANSI_X3.4-1968\nUTF-8\n');
    return 0;
  }
  const effective = (cat: string) => all || env.get(cat) || lang || 'POSIX';
  const bad = [all, lang, ...CATEGORIES.map((c) => env.get(c) ?? '')].some((v) => !installed(v));
  if (args.length === 0) {
    let warn = '';
    if (bad) warn = `locale: Cannot set LC_CTYPE to default locale: No such file or directory\nlocale: Cannot set LC_MESSAGES to default locale: No such file or directory\nlocale: Cannot set LC_ALL to default locale: No such file or directory\n`;
    let out = `LANG=${lang}\nLANGUAGE=${env.get('LANGUAGE') ?? ''}\n`;
    for (const c of CATEGORIES) {
      const v = effective(c);
      out += env.get(c) && !all ? `${c}=${v}\n` : `${c}="${v}"\n`;
    }
    out += `LC_ALL=${all}\n`;
    if (warn) await ctx.stderr.write(warn);
    await ctx.stdout.write(out);
    return 0;
  }
  const utf8 = /utf-?8/i.test(effective('LC_CTYPE'));
  let out = '';
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    if (a === 'charmap') out += utf8 ? 'UTF-8\n' : 'ANSI_X3.4-1968\n';
    else if (a === 'LC_CTYPE') out += `${utf8 ? 'UTF-8' : 'ANSI_X3.4-1968'}\n`;
    else if (a === 'decimal_point') out += '.\n';
    else if (a === 'thousands_sep') out += '\n';
    else if (a === 'yesexpr') out += '^[yY]\n';
    else if (a === 'noexpr') out += '^[nN]\n';
    else if (a === 'codeset') out += utf8 ? 'UTF-8\n' : 'ANSI_X3.4-1968\n';
    else {
      await ctx.stderr.write(`locale: unknown name "${a}"\n`);
      return 1;
    }
  }
  await ctx.stdout.write(out);
  return 0;
};
