/** Redis's RESP2 protocol: the values a server sends and clients print, and parsing commands (arrays or inline). */

import type { ByteReader } from '../../../engine/network/http';
import { decodeText } from '../../../engine/process/text';

export type RespValue =
  | { readonly t: 'simple'; readonly s: string }
  | { readonly t: 'error'; readonly s: string }
  | { readonly t: 'int'; readonly n: number }
  | { readonly t: 'bulk'; readonly s: string | null }
  | { readonly t: 'array'; readonly items: readonly RespValue[] | null };

export function encodeResp(v: RespValue): string {
  switch (v.t) {
    case 'simple':
      return `+${v.s}\r\n`;
    case 'error':
      return `-${v.s}\r\n`;
    case 'int':
      return `:${v.n}\r\n`;
    case 'bulk':
      return v.s === null ? '$-1\r\n' : `$${new TextEncoder().encode(v.s).length}\r\n${v.s}\r\n`;
    case 'array':
      return v.items === null ? '*-1\r\n' : `*${v.items.length}\r\n${v.items.map(encodeResp).join('')}`;
  }
}

export function encodeCommand(args: readonly string[]): string {
  return encodeResp({ t: 'array', items: args.map((s) => ({ t: 'bulk', s })) });
}

/** One value from the stream; null at end of input. */
export async function readResp(r: ByteReader): Promise<RespValue | null> {
  const line = await r.readLine();
  if (line === null) return null;
  const kind = line[0];
  const rest = line.slice(1);
  switch (kind) {
    case '+':
      return { t: 'simple', s: rest };
    case '-':
      return { t: 'error', s: rest };
    case ':':
      return { t: 'int', n: Number(rest) };
    case '$': {
      const n = Number(rest);
      if (n < 0) return { t: 'bulk', s: null };
      const bytes = await r.readExact(n + 2);
      return { t: 'bulk', s: decodeText(bytes.subarray(0, n)) };
    }
    case '*': {
      const n = Number(rest);
      if (n < 0) return { t: 'array', items: null };
      const items: RespValue[] = [];
      for (let i = 0; i < n; i++) {
        const v = await readResp(r);
        if (v === null) return null;
        items.push(v);
      }
      return { t: 'array', items };
    }
    default:
      // An inline command (`PING` typed over telnet/nc): words separated by spaces.
      return { t: 'array', items: line.split(/\s+/).filter((w) => w !== '').map((s) => ({ t: 'bulk', s })) };
  }
}

/** redis-cli's rendering: quoted and typed on a terminal, raw otherwise. */
export function formatReply(v: RespValue, tty: boolean, indent = ''): string {
  switch (v.t) {
    case 'simple':
      return v.s;
    case 'error':
      return `(error) ${v.s}`;
    case 'int':
      return tty ? `(integer) ${v.n}` : String(v.n);
    case 'bulk':
      if (v.s === null) return tty ? '(nil)' : '';
      return tty ? JSON.stringify(v.s) : v.s;
    case 'array':
      if (!v.items || v.items.length === 0) return tty ? '(empty array)' : '';
      if (!tty) return v.items.map((i) => formatReply(i, false)).join('\n');
      return v.items.map((item, i) => `${i === 0 ? '' : indent}${i + 1}) ${formatReply(item, true, `${indent}   `)}`).join('\n');
  }
}
