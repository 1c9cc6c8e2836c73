/** What the simulated daemons share: waiting for a stop signal without spinning, log timestamps, file serving. */

import type { Listener } from '../../../engine/network/Listener';
import { SignalExit, type ProcessContext, type ProcessSignals, type Signal } from '../../../engine/process/Types';

/**
 * Resolves with the first of `signals` delivered to the process (the handlers replace the default action, so a
 * daemon as PID 1 gets them too, as a real daemon that installs handlers does). Other terminating signals
 * (SIGKILL) reject with SignalExit.
 */
export function stopSignal(ctx: ProcessContext, signals: readonly Signal[]): Promise<Signal> {
  return new Promise<Signal>((resolve, reject) => {
    let done = false;
    for (const s of signals) {
      ctx.signals.setDisposition(s, (sig) => {
        if (done) return;
        done = true;
        off();
        resolve(sig);
      });
    }
    const off = ctx.signals.onSignal(() => {
      if (!ctx.signals.terminating || done) return;
      done = true;
      off();
      reject(new SignalExit(ctx.signals.terminating));
    });
  });
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `2026/11/23 10:00:00` (nginx error log, UTC as in containers). */
export function slashTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `23/Nov/2026:10:00:00 +0000` (common log format). */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** `Mon, 23 Nov 2026 10:00:00 GMT` (HTTP dates). */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
}

/** Extension → Content-Type, from the mime.types nginx and Apache ship (the common entries). */
export function mimeType(path: string): string {
  const ext = (/\.([^./]+)$/.exec(path)?.[1] ?? '').toLowerCase();
  const table: Record<string, string> = {
    html: 'text/html',
    htm: 'text/html',
    shtml: 'text/html',
    css: 'text/css',
    xml: 'text/xml',
    txt: 'text/plain',
    js: 'application/javascript',
    json: 'application/json',
    png: 'image/png',
    gif: 'image/gif',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    svg: 'image/svg+xml',
    ico: 'image/x-icon',
    pdf: 'application/pdf',
    zip: 'application/zip',
    gz: 'application/octet-stream',
    md: 'application/octet-stream',
  };
  return table[ext] ?? 'application/octet-stream';
}

/** The request path without query, percent-decoded and normalised; null when it climbs above the root. */
export function requestPath(target: string): string | null {
  let p = target.replace(/[?#].*$/, '');
  try {
    p = decodeURIComponent(p);
  } catch {
    return null;
  }
  if (!p.startsWith('/')) return null;
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
      continue;
    }
    out.push(part);
  }
  return `/${out.join('/')}${p.endsWith('/') && out.length > 0 ? '/' : ''}`;
}

/** `mkdir -p`: each missing directory of `path` with `mode`. */
export function mkdirs(ctx: ProcessContext, path: string, mode: number): void {
  let p = '';
  for (const part of path.split('/').filter((x) => x !== '')) {
    p += `/${part}`;
    try {
      ctx.fs.mkdir(p, mode);
    } catch {
      // exists
    }
  }
}

/**
 * Accepts connections and holds each open until the client leaves, for daemons whose wire protocol is not
 * simulated (mysqld, postgres): the port answers, nothing is said. Resolves when the listener closes.
 */
export async function holdConnections(listener: Listener, signals: ProcessSignals): Promise<void> {
  for (;;) {
    const s = await listener.accept(signals);
    if (!s) return;
    void (async () => {
      while ((await s.input.read().catch(() => null)) !== null);
      s.close();
    })();
  }
}
