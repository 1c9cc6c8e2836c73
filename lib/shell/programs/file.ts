/**
 * file: a small `file` that recognises what a learner meets: directories, symlinks, device nodes, empty files,
 * gzip data (with the stored name and mtime), tar archives, shell/Python scripts by their `#!` line, JSON, ASCII
 * and UTF-8 text (with CRLF or missing line terminators noted), ELF binaries, and `data` otherwise.
 * Simulated binaries carry only an ELF header and a program marker, so they are described as the Debian build
 * of the tool would be (a dynamically linked PIE; BusyBox statically linked). Options: -b, -L, -h, -i/--mime.
 */

import { programOf } from '../../engine/fs/executable';
import type { Stat } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { devNumbers } from './lib/format';
import { errorText, Tool } from './lib/tool';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function ctime(sec: number): string {
  const d = new Date(sec * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

interface Description {
  readonly text: string;
  readonly mime: string;
}

/** What `file` says about regular-file contents. */
export function describeContent(data: Uint8Array, executable: boolean): Description {
  if (data.length === 0) return { text: 'empty', mime: 'inode/x-empty; charset=binary' };
  if (data[0] === 0x7f && data[1] === 0x45 && data[2] === 0x4c && data[3] === 0x46) {
    const program = programOf(data.subarray(0, 128));
    if (program === 'busybox') return { text: 'ELF 64-bit LSB executable, x86-64, version 1 (GNU/Linux), statically linked, for GNU/Linux 3.2.0, stripped', mime: 'application/x-executable; charset=binary' };
    return { text: 'ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), dynamically linked, interpreter /lib64/ld-linux-x86-64.so.2, for GNU/Linux 3.2.0, stripped', mime: 'application/x-pie-executable; charset=binary' };
  }
  if (data[0] === 0x1f && data[1] === 0x8b) {
    let text = 'gzip compressed data';
    const flags = data[3] ?? 0;
    const mtime = (data[4]! | (data[5]! << 8) | (data[6]! << 16) | (data[7]! << 24)) >>> 0;
    if (flags & 0x08) {
      let i = 10 + (flags & 0x04 ? 2 + (data[10]! | (data[11]! << 8)) : 0);
      const start = i;
      while (i < data.length && data[i] !== 0) i++;
      text += `, was "${new TextDecoder().decode(data.subarray(start, i))}"`;
    }
    if (mtime) text += `, last modified: ${ctime(mtime)}`;
    const os = data[9];
    if (os === 3) text += ', from Unix';
    const n = data.length;
    const isize = (data[n - 4]! | (data[n - 3]! << 8) | (data[n - 2]! << 16) | (data[n - 1]! << 24)) >>> 0;
    text += `, original size modulo 2^32 ${isize}`;
    return { text, mime: 'application/gzip; charset=binary' };
  }
  if (data.length >= 263) {
    const magic = new TextDecoder().decode(data.subarray(257, 263));
    if (magic === 'ustar\0') return { text: 'POSIX tar archive', mime: 'application/x-tar; charset=binary' };
    if (magic === 'ustar ') return { text: 'POSIX tar archive (GNU)', mime: 'application/x-tar; charset=binary' };
  }
  const head = data.subarray(0, 65536);
  const binary = head.includes(0) || !isUtf8(head.subarray(0, head.length - 4 > 0 ? head.length : head.length));
  if (binary) return { text: 'data', mime: 'application/octet-stream; charset=binary' };
  const text = new TextDecoder().decode(head);
  const ascii = !/[^\x00-\x7f]/.test(text);
  const charset = ascii ? 'us-ascii' : 'utf-8';
  let kind = ascii ? 'ASCII text' : 'Unicode text, UTF-8 text';
  let mime = `text/plain; charset=${charset}`;
  const first = text.split('\n')[0]!;
  if (first.startsWith('#!')) {
    const words = first.slice(2).trim().split(/\s+/);
    const interp = (words[0]?.endsWith('/env') ? words[1] : words[0]?.split('/').pop()) ?? '';
    const name = /^(sh|dash|ash)$/.test(interp)
      ? 'POSIX shell script'
      : interp === 'bash'
        ? 'Bourne-Again shell script'
        : /^python/.test(interp)
          ? 'Python script'
          : /^node/.test(interp)
            ? 'Node.js script'
            : /^perl/.test(interp)
              ? 'Perl script'
              : `a ${words.join(' ')} script`;
    kind = `${name}, ${kind}${executable ? ' executable' : ''}`;
    mime = `text/x-${/shell/.test(name) ? 'shellscript' : interp.replace(/\d.*/, '')}; charset=${charset}`;
  } else if (/^\s*[[{]/.test(text)) {
    try {
      JSON.parse(text);
      return { text: 'JSON text data', mime: 'application/json; charset=us-ascii' };
    } catch {
      // not JSON after all
    }
  }
  if (text.includes('\r\n')) kind += ', with CRLF line terminators';
  else if (!text.includes('\n')) kind += ', with no line terminators';
  return { text: kind, mime };
}

export const file: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: 'bLhiz',
    long: { brief: { key: 'b' }, dereference: { key: 'L' }, 'no-dereference': { key: 'h' }, mime: { key: 'i' } },
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  if (a.operands.length === 0) {
    await ctx.stderr.write(`Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]\n            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]\n            <file> ...\n       file -C [-m <magicfiles>]\n       file [--help]\n`);
    return 1;
  }
  const mime = a.has('i');
  const width = Math.max(...a.operands.map((n) => n.length)) + 1;
  for (const name of a.operands) {
    await ctx.checkpoint();
    const path = t.abs(name);
    let desc: Description;
    let st: Stat | null = null;
    try {
      st = a.has('L') ? ctx.fs.stat(path) : ctx.fs.lstat(path);
    } catch (e) {
      desc = { text: `cannot open \`${name}' (${errorText(e)})`, mime: `cannot open \`${name}' (${errorText(e)})` };
    }
    if (st) {
      if (st.type === 'dir') desc = { text: `${st.mode & 0o1000 ? 'sticky, ' : ''}directory`, mime: 'inode/directory; charset=binary' };
      else if (st.type === 'symlink') {
        const target = ctx.fs.readlink(path);
        let broken = false;
        try {
          ctx.fs.stat(path);
        } catch {
          broken = true;
        }
        desc = { text: `${broken ? 'broken ' : ''}symbolic link to ${target}`, mime: 'inode/symlink; charset=binary' };
      } else if (st.type === 'chardev' || st.type === 'blockdev') {
        const [maj, min] = devNumbers(st.rdev);
        desc = { text: `${st.type === 'chardev' ? 'character' : 'block'} special (${maj}/${min})`, mime: `inode/${st.type}; charset=binary` };
      } else if (st.type === 'fifo') desc = { text: 'fifo (named pipe)', mime: 'inode/fifo; charset=binary' };
      else if (st.type === 'socket') desc = { text: 'socket', mime: 'inode/socket; charset=binary' };
      else {
        try {
          const data = ctx.fs.readRange(path, 0, Math.min(st.size, 1 << 20));
          const full = data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b ? ctx.fs.readFile(path) : data;
          desc = describeContent(full, (st.mode & 0o111) !== 0);
        } catch (e) {
          desc = { text: `regular file, no read permission`, mime: `regular file, no read permission` };
          void e;
        }
      }
    }
    const text = mime ? desc!.mime : desc!.text;
    await ctx.stdout.write(a.has('b') ? `${text}\n` : `${(name + ':').padEnd(width)} ${text}\n`);
  }
  return 0;
};
