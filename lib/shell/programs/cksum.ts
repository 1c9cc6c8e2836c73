/**
 * cksum (POSIX CRC-32 over the data and its length) and sum (BSD 16-bit rotating checksum, or -s System V),
 * as coreutils 9.1 prints them. cksum's -a digest modes are not offered (md5sum and friends do that).
 */

import type { Program, ProcessContext, ReadStream } from '../../engine/process/Types';
import { crc32MsbByte } from '../../engine/format/crc32msb';
import { errorText, isReportable, Tool } from './lib/tool';


interface Summer {
  update(chunk: Uint8Array): void;
  /** The line for an input of `size` bytes, without the file name. */
  finish(size: number): string;
}

function crc(): Summer {
  let c = 0;
  return {
    update(b) {
      for (const byte of b) c = crc32MsbByte(c, byte);
    },
    finish(size) {
      let v = c;
      for (let n = size; n > 0; n = Math.floor(n / 256)) v = crc32MsbByte(v, n & 0xff);
      return `${~v >>> 0} ${size}`;
    },
  };
}

function bsd(): Summer {
  let s = 0;
  return {
    update(b) {
      for (const byte of b) s = (((s >> 1) + ((s & 1) << 15)) + byte) & 0xffff;
    },
    finish(size) {
      return `${String(s).padStart(5, '0')} ${String(Math.ceil(size / 1024)).padStart(5)}`;
    },
  };
}

function sysv(): Summer {
  let s = 0;
  return {
    update(b) {
      for (const byte of b) s += byte;
    },
    finish(size) {
      const r = (s & 0xffff) + Math.floor(s / 0x10000);
      return `${(r & 0xffff) + (r >>> 16)} ${Math.ceil(size / 512)}`;
    },
  };
}

/** Names are printed whenever files were named (even `-`), never for bare standard input, as coreutils 9.1 does. */
async function run(ctx: ProcessContext, t: Tool, operands: readonly string[], make: () => Summer): Promise<number> {
  const names = operands.length > 0 ? operands : ['-'];
  for (const name of names) {
    let stream: ReadStream;
    try {
      stream = name === '-' ? ctx.stdin : ctx.sys.openRead(ctx.fs, t.abs(name), ctx.tty);
    } catch (e) {
      if (!isReportable(e)) throw e;
      await t.error(`${t.qf(name)}: ${errorText(e)}`);
      continue;
    }
    const s = make();
    let size = 0;
    try {
      for (let c = await stream.read(); c !== null; c = await stream.read()) {
        s.update(c);
        size += c.length;
        await ctx.checkpoint();
      }
    } catch (e) {
      if (!isReportable(e)) throw e;
      await t.error(`${t.qf(name)}: ${errorText(e)}`);
      continue;
    } finally {
      if (stream !== ctx.stdin) stream.close();
    }
    const shown = operands.length > 0 ? ` ${name}` : '';
    await t.out(`${s.finish(size)}${shown}\n`);
  }
  return t.status;
}

export const cksum: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({});
  if (typeof parsed === 'number') return parsed;
  return run(ctx, t, parsed.operands, crc);
};

export const sum: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'rs', long: { sysv: { key: 's' } } });
  if (typeof parsed === 'number') return parsed;
  const sysvMode = parsed.last('r', 's') === 's';
  return run(ctx, t, parsed.operands, sysvMode ? sysv : bsd);
};
