/**
 * dircolors (coreutils 9.1): the built-in colour database as shell code for LS_COLORS (-b Bourne, -c C shell;
 * the default follows $SHELL). Reading a database file (dircolors FILE) and -p (print the database) are not offered.
 */

import type { Program } from '../../engine/process/Types';
import { Tool } from './lib/tool';

/** The TERM patterns of the default database. */
const TERMS: readonly RegExp[] = ['Eterm', 'ansi', '*color*', 'con[0-9]*x[0-9]*', 'cons25', 'console', 'cygwin', '*direct*', 'dtterm', 'gnome', 'hurd', 'jfbterm', 'konsole', 'kterm', 'linux', 'linux-c', 'mlterm', 'putty', 'rxvt*', 'screen*', 'st', 'terminator', 'tmux*', 'vt100', 'xterm*'].map(
  (g) => new RegExp(`^${g.replace(/\*/g, '.*')}$`),
);

/** coreutils 9.1's default LS_COLORS value, as `dircolors -b` prints it. */
export const DEFAULT_LS_COLORS = "rs=0:di=01;34:ln=01;36:mh=00:pi=40;33:so=01;35:do=01;35:bd=40;33;01:cd=40;33;01:or=40;31;01:mi=00:su=37;41:sg=30;43:ca=00:tw=30;42:ow=34;42:st=37;44:ex=01;32:*.tar=01;31:*.tgz=01;31:*.arc=01;31:*.arj=01;31:*.taz=01;31:*.lha=01;31:*.lz4=01;31:*.lzh=01;31:*.lzma=01;31:*.tlz=01;31:*.txz=01;31:*.tzo=01;31:*.t7z=01;31:*.zip=01;31:*.z=01;31:*.dz=01;31:*.gz=01;31:*.lrz=01;31:*.lz=01;31:*.lzo=01;31:*.xz=01;31:*.zst=01;31:*.tzst=01;31:*.bz2=01;31:*.bz=01;31:*.tbz=01;31:*.tbz2=01;31:*.tz=01;31:*.deb=01;31:*.rpm=01;31:*.jar=01;31:*.war=01;31:*.ear=01;31:*.sar=01;31:*.rar=01;31:*.alz=01;31:*.ace=01;31:*.zoo=01;31:*.cpio=01;31:*.7z=01;31:*.rz=01;31:*.cab=01;31:*.wim=01;31:*.swm=01;31:*.dwm=01;31:*.esd=01;31:*.avif=01;35:*.jpg=01;35:*.jpeg=01;35:*.mjpg=01;35:*.mjpeg=01;35:*.gif=01;35:*.bmp=01;35:*.pbm=01;35:*.pgm=01;35:*.ppm=01;35:*.tga=01;35:*.xbm=01;35:*.xpm=01;35:*.tif=01;35:*.tiff=01;35:*.png=01;35:*.svg=01;35:*.svgz=01;35:*.mng=01;35:*.pcx=01;35:*.mov=01;35:*.mpg=01;35:*.mpeg=01;35:*.m2v=01;35:*.mkv=01;35:*.webm=01;35:*.webp=01;35:*.ogm=01;35:*.mp4=01;35:*.m4v=01;35:*.mp4v=01;35:*.vob=01;35:*.qt=01;35:*.nuv=01;35:*.wmv=01;35:*.asf=01;35:*.rm=01;35:*.rmvb=01;35:*.flc=01;35:*.avi=01;35:*.fli=01;35:*.flv=01;35:*.gl=01;35:*.dl=01;35:*.xcf=01;35:*.xwd=01;35:*.yuv=01;35:*.cgm=01;35:*.emf=01;35:*.ogv=01;35:*.ogx=01;35:*.aac=00;36:*.au=00;36:*.flac=00;36:*.m4a=00;36:*.mid=00;36:*.midi=00;36:*.mka=00;36:*.mp3=00;36:*.mpc=00;36:*.ogg=00;36:*.ra=00;36:*.wav=00;36:*.oga=00;36:*.opus=00;36:*.spx=00;36:*.xspf=00;36:*~=00;90:*#=00;90:*.bak=00;90:*.old=00;90:*.orig=00;90:*.part=00;90:*.rej=00;90:*.swp=00;90:*.tmp=00;90:*.dpkg-dist=00;90:*.dpkg-old=00;90:*.ucf-dist=00;90:*.ucf-new=00;90:*.ucf-old=00;90:*.rpmnew=00;90:*.rpmorig=00;90:*.rpmsave=00;90:";

export const dircolors: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'bcp', long: { sh: { key: 'b' }, 'bourne-shell': { key: 'b' }, csh: { key: 'c' }, 'c-shell': { key: 'c' }, 'print-database': { key: 'p' } } });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length > 0 || parsed.has('p')) {
    await t.error(parsed.has('p') ? 'the options to print and set the database are not offered by this simulation' : `${parsed.operands[0]}: reading a colour database is not offered by this simulation`);
    return 1;
  }
  const shell = ctx.env.get('SHELL') ?? '';
  const csh = parsed.last('b', 'c') === 'c' || (!parsed.has('b') && /csh$/.test(shell));
  if (!parsed.has('b') && !parsed.has('c') && shell === '') {
    await t.error('no SHELL environment variable, and no shell type option given');
    return 1;
  }
  // The database colours only terminals its TERM lines name; anything else (dumb, unset) gets an empty value.
  const term = ctx.env.get('TERM') ?? '';
  const value = TERMS.some((re) => re.test(term)) ? DEFAULT_LS_COLORS : '';
  await t.out(csh ? `setenv LS_COLORS '${value}'\n` : `LS_COLORS='${value}';\nexport LS_COLORS\n`);
  return 0;
};
