/** Linux x86-64 signal names and numbers (1-64), as `kill -l` lists them, and parsing of signal specs. */

import { SIGNAL_NUMBERS, type Signal } from '../../../engine/process/Types';

/** Index = signal number; names without the SIG prefix. 32 and 33 are reserved by glibc. */
export const SIGNAL_NAMES: readonly (string | null)[] = (() => {
  const base = [null, 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'POLL', 'PWR', 'SYS', null, null];
  const out: (string | null)[] = [...base];
  for (let n = 34; n <= 64; n++) out.push(n <= 49 ? (n === 34 ? 'RTMIN' : `RTMIN+${n - 34}`) : n === 64 ? 'RTMAX' : `RTMAX-${64 - n}`);
  return out;
})();

const ALIASES: Readonly<Record<string, number>> = { IOT: 6, CLD: 17, IO: 29, POLL: 29 };

/** Number for a name (`TERM`, `SIGTERM`, `sigterm`, `RTMIN+3`) or a decimal number; null if unknown. */
export function signalNumber(spec: string): number | null {
  if (/^[0-9]+$/.test(spec)) {
    const n = Number(spec);
    return n >= 0 && n <= 64 ? n : null;
  }
  let name = spec.toUpperCase();
  if (name.startsWith('SIG')) name = name.slice(3);
  const i = SIGNAL_NAMES.indexOf(name);
  if (i > 0) return i;
  return ALIASES[name] ?? null;
}

/** The modelled `Signal` for a number. Signals the kernel model lacks (ILL, ABRT...) are delivered as SIGTERM. */
export function toModelSignal(n: number): Signal | null {
  if (n === 0) return null;
  for (const [sig, num] of Object.entries(SIGNAL_NUMBERS) as [Signal, number][]) if (num === n) return sig;
  return 'SIGTERM';
}
