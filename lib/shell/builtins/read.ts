/**
 * read: takes one line (or up to a delimiter / n characters) from the current stdin and leaves the rest in the
 * stream (`unread`), so the next command sees every byte once, as byte-wise reads in a real shell do.
 */
import { SignalExit, type ReadStream } from '../../engine/process/Types';
import { concatBytes, decodeText, encodeText } from '../../engine/process/text';
import type { Shell } from '../interp/Shell';
import { complain, isName, type Builtin } from './types';

/** Reads up to and including `delim` (a byte), or `max` characters; null at end of input with nothing read. */
async function readUntil(stream: ReadStream, delim: number, max: number | null): Promise<{ bytes: Uint8Array; hitDelim: boolean } | null> {
  const chunks: Uint8Array[] = [];
  let count = 0;
  for (;;) {
    const c = await stream.read();
    if (c === null) return chunks.length ? { bytes: concatBytes(chunks), hitDelim: false } : null;
    let end = c.indexOf(delim);
    if (max !== null) {
      // Count characters by UTF-8 lead bytes.
      let i = 0;
      for (; i < c.length && (end < 0 || i < end); i++) {
        if ((c[i]! & 0xc0) !== 0x80) {
          if (count === max) break;
          count++;
        }
      }
      if (count === max && (end < 0 || i < end)) {
        while (i < c.length && (c[i]! & 0xc0) === 0x80) i++;
        if (i < c.length) stream.unread(c.slice(i));
        chunks.push(c.subarray(0, i));
        return { bytes: concatBytes(chunks), hitDelim: false };
      }
    }
    if (end < 0) {
      chunks.push(c);
      continue;
    }
    if (end + 1 < c.length) stream.unread(c.slice(end + 1));
    chunks.push(c.subarray(0, end));
    return { bytes: concatBytes(chunks), hitDelim: true };
  }
}

function usage(sh: Shell): string {
  return sh.dialect.name === 'bash' ? 'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n' : '';
}

export const read: Builtin = async (sh, argv) => {
  let raw = false;
  let prompt: string | null = null;
  let silent = false;
  let timeout: number | null = null;
  let arrayName: string | null = null;
  let nchars: number | null = null;
  let delim = '\n';
  let fd = 0;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      const takesArg = 'padtnNu'.includes(c);
      let val: string | undefined;
      if (takesArg) {
        val = a.slice(k + 1) || argv[++i];
        k = a.length;
        if (val === undefined) {
          await complain(sh, 'read', `-${c}: option requires an argument`);
          await sh.stderr().write(usage(sh));
          return 2;
        }
      }
      switch (c) {
        case 'r':
          raw = true;
          break;
        case 's':
          silent = true;
          break;
        case 'e':
          break;
        case 'p':
          prompt = val!;
          break;
        case 'a':
          arrayName = val!;
          break;
        case 'd':
          delim = val!.slice(0, 1) || '\0';
          break;
        case 't':
          timeout = Number(val);
          break;
        case 'n':
        case 'N':
          nchars = Number(val);
          break;
        case 'u':
          fd = Number(val);
          break;
        default:
          await complain(sh, 'read', sh.dialect.name === 'bash' ? `-${c}: invalid option` : `Illegal option -${c}`);
          await sh.stderr().write(usage(sh));
          return 2;
      }
    }
  }
  const names = argv.slice(i);
  if (names.length === 0 && !arrayName && sh.dialect.name === 'dash') {
    await complain(sh, 'read', 'arg count');
    return 2;
  }
  for (const n of names) {
    if (!isName(n)) {
      await complain(sh, 'read', sh.dialect.name === 'bash' ? `\`${n}': not a valid identifier` : `${n}: bad variable name`);
      return sh.dialect.name === 'bash' ? 1 : 2;
    }
  }
  const stream = sh.fds[fd]?.r;
  if (!stream) {
    await complain(sh, 'read', `${fd}: invalid file descriptor: Bad file descriptor`);
    return 1;
  }
  const tty = sh.ctx.tty;
  if (prompt !== null && stream.isTTY) await sh.stderr().write(prompt);
  const mode = tty?.getMode();
  if (silent && tty && stream.isTTY) tty.setMode({ echo: false });
  let text = '';
  let eof = false;
  try {
    const delimByte = encodeText(delim)[0] ?? 0;
    for (;;) {
      let r: { bytes: Uint8Array; hitDelim: boolean } | null | 'timeout';
      if (timeout !== null) {
        const off: { cancel?: () => void } = {};
        const timer = new Promise<'timeout'>((resolve, reject) => {
          sh.ctx.sys.clock.sleep(timeout! * 1000, sh.ctx.signals).then(() => resolve('timeout'), reject);
          off.cancel = () => resolve('timeout');
        });
        r = await Promise.race([readUntil(stream, delimByte, nchars), timer]);
      } else r = await readUntil(stream, delimByte, nchars);
      if (r === 'timeout') {
        return 142;
      }
      if (r === null) {
        eof = true;
        break;
      }
      let piece = decodeText(r.bytes);
      if (!r.hitDelim && nchars === null) eof = true;
      if (!raw && piece.endsWith('\\') && r.hitDelim && delim === '\n') {
        text += piece.slice(0, -1);
        continue;
      }
      text += piece;
      piece = '';
      break;
    }
  } catch (e) {
    // A terminal read interrupted by a signal the shell handles (Ctrl-C in an interactive shell) is EINTR:
    // read fails with 128+n and the shell goes on; a signal that ends the shell propagates.
    if (e instanceof SignalExit && sh.ctx.signals.terminating === null) return e.status;
    throw e;
  } finally {
    if (silent && tty && mode) {
      tty.setMode({ echo: mode.echo });
      if (stream.isTTY) await sh.stderr().write('\n');
    }
  }
  if (eof && text === '') {
    for (const n of names) sh.setVar(n, '');
    if (names.length === 0 && !arrayName) sh.setVar('REPLY', '');
    return 1;
  }
  const ifsVar = sh.getVar('IFS');
  const ifs = ifsVar === undefined ? ' \t\n' : ifsVar;
  // Backslash removal (without -r) happens with splitting: an escaped IFS character does not split.
  const chars: { c: string; esc: boolean }[] = [];
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (!raw && c === '\\' && k + 1 < text.length) {
      chars.push({ c: text[++k]!, esc: true });
    } else if (!raw && c === '\\') continue;
    else chars.push({ c, esc: false });
  }
  if (names.length === 0 && !arrayName) {
    sh.setVar('REPLY', chars.map((x) => x.c).join(''));
    return eof ? 1 : 0;
  }
  const isWs = (x: { c: string; esc: boolean }) => !x.esc && ifs.includes(x.c) && /[ \t\n]/.test(x.c);
  const isIfs = (x: { c: string; esc: boolean }) => !x.esc && ifs.includes(x.c);
  const fields: string[] = [];
  let k = 0;
  const skipWs = () => {
    while (k < chars.length && isWs(chars[k]!)) k++;
  };
  skipWs();
  const want = arrayName ? Infinity : names.length;
  while (k < chars.length) {
    if (fields.length === want - 1) {
      // The last name takes the rest of the line, minus trailing IFS white space.
      let end = chars.length;
      while (end > k && isWs(chars[end - 1]!)) end--;
      fields.push(chars.slice(k, end).map((x) => x.c).join(''));
      k = chars.length;
      break;
    }
    let f = '';
    while (k < chars.length && !isIfs(chars[k]!)) f += chars[k++]!.c;
    fields.push(f);
    skipWs();
    if (k < chars.length && isIfs(chars[k]!) && !isWs(chars[k]!)) {
      k++;
      skipWs();
    }
  }
  if (arrayName) sh.setArray(arrayName, fields);
  else names.forEach((n, idx) => sh.setVar(n, fields[idx] ?? ''));
  return eof ? 1 : 0;
};
