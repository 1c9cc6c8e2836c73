/**
 * timeout: run a command and signal it (SIGTERM, or -s SIG) when DURATION passes; exit 124 then (or the command's
 * status with --preserve-status); -k DUR sends SIGKILL if it is still running that much later.
 */

import { SignalExit, type ProcessSignals, type Signal } from '../../engine/process/Types';
import type { Program } from '../../engine/process/Types';
import { parseDuration } from './lib/durations';
import { localeQuote } from './lib/messages';
import { signalNumber, toModelSignal } from './lib/signal-names';
import { startCommand, waitChild } from './lib/spawn';
import { TextTool as Tool } from './lib/text-usage';

/** A cancellable sleep: cancelling delivers a fake terminating "signal" the clock listens for. */
function cancellable(): ProcessSignals & { cancel(): void } {
  const listeners = new Set<(s: Signal) => void>();
  const self = {
    terminating: null as Signal | null,
    check() {
      if (self.terminating) throw new SignalExit(self.terminating);
    },
    setDisposition() {},
    getDisposition: () => 'default' as const,
    onSignal(l: (s: Signal) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    cancel() {
      self.terminating = 'SIGALRM';
      for (const l of [...listeners]) l('SIGALRM');
    },
  };
  return self;
}

export const timeout: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const args = ctx.argv.slice(1);
  let sig: Signal = 'SIGTERM';
  let killAfter: number | null = null;
  let preserve = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-s' || a === '--signal' || a.startsWith('--signal=') || (a.startsWith('-s') && a.length > 2)) {
      const v = a === '-s' || a === '--signal' ? args[++i] ?? '' : a.startsWith('--signal=') ? a.slice(9) : a.slice(2);
      const n = signalNumber(v);
      if (n === null || n === 0) {
        await tool.error(`${localeQuote(ctx, v)}: invalid signal`);
        await ctx.stderr.write("Try 'timeout --help' for more information.\n");
        return 125;
      }
      sig = toModelSignal(n)!;
    } else if (a === '-k' || a === '--kill-after' || a.startsWith('--kill-after=') || (a.startsWith('-k') && a.length > 2)) {
      const v = a === '-k' || a === '--kill-after' ? args[++i] ?? '' : a.startsWith('--kill-after=') ? a.slice(13) : a.slice(2);
      killAfter = parseDuration(v);
      if (killAfter === null) {
        await tool.error(`invalid time interval ${localeQuote(ctx, v)}`);
        await ctx.stderr.write("Try 'timeout --help' for more information.\n");
        return 125;
      }
    } else if (a === '--preserve-status') preserve = true;
    else if (a === '--foreground') continue;
    else if (a === '--help') return tool.help();
    else {
      await tool.error(`invalid option -- '${a[1]}'`);
      await ctx.stderr.write("Try 'timeout --help' for more information.\n");
      return 125;
    }
  }
  const durText = args[i];
  const command = args.slice(i + 1);
  if (durText === undefined || command.length === 0) {
    await tool.error(durText === undefined ? 'missing operand' : `missing operand after ${localeQuote(ctx, durText)}`);
    await ctx.stderr.write("Try 'timeout --help' for more information.\n");
    return 125;
  }
  const ms = parseDuration(durText);
  if (ms === null) {
    await tool.error(`invalid time interval ${localeQuote(ctx, durText)}`);
    await ctx.stderr.write("Try 'timeout --help' for more information.\n");
    return 125;
  }
  const r = startCommand(ctx, command);
  if (!r.ok) {
    await tool.error(`failed to run command ${localeQuote(ctx, command[0]!)}: ${r.text}`);
    return r.status;
  }
  const child = r.child;
  if (ms === 0 || ms === Infinity) return waitChild(ctx, child);
  const timer = cancellable();
  let timedOut = false;
  const alarm = ctx.sys.clock.sleep(ms, timer).then(
    () => {
      timedOut = true;
      child.kill(sig);
      if (killAfter !== null) {
        const k = cancellable();
        void child.exited.then(() => k.cancel());
        ctx.sys.clock.sleep(killAfter, k).then(
          () => child.kill('SIGKILL'),
          () => {},
        );
      }
    },
    () => {},
  );
  try {
    const status = await waitChild(ctx, child);
    if (!timedOut) timer.cancel();
    await alarm;
    if (timedOut && !preserve) return 124;
    return status;
  } finally {
    timer.cancel();
  }
};
