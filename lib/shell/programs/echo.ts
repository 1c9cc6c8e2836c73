/**
 * echo: coreutils/bash/BusyBox semantics. Leading arguments made only of `n`, `e`, `E` after a dash are options;
 * the first other argument ends option parsing (`--` is printed). `-e` interprets backslash escapes and `\c` ends
 * output. dash's builtin always interprets escapes (`makeEcho({ dialect: 'dash' })`).
 */

import type { Program } from '../../engine/process/Types';
import { appendEscaped, ByteBuilder } from './lib/escapes';
import { dialectOf, type BuiltinOptions } from './lib/messages';

export function makeEcho(options: BuiltinOptions = {}): Program {
  return async (ctx) => {
    const dialect = dialectOf(ctx, options);
    const args = ctx.argv.slice(1);
    let newline = true;
    let escapes = dialect === 'dash';
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      const optionChars = dialect === 'dash' ? /^-n+$/ : /^-[neE]+$/;
      if (!optionChars.test(a)) break;
      for (const c of a.slice(1)) {
        if (c === 'n') newline = false;
        else if (c === 'e') escapes = true;
        else if (c === 'E') escapes = false;
      }
    }
    const out = new ByteBuilder();
    const words = args.slice(i);
    for (let k = 0; k < words.length; k++) {
      if (k > 0) out.text(' ');
      if (escapes) {
        if (appendEscaped(out, words[k]!, { mode: dialect === 'dash' ? 'b' : 'echo', unicode: dialect === 'bash' })) {
          await ctx.stdout.write(out.build());
          return 0;
        }
      } else out.text(words[k]!);
    }
    if (newline) out.text('\n');
    await ctx.stdout.write(out.build());
    return 0;
  };
}

export const echo: Program = makeEcho();
