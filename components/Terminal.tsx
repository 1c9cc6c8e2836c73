'use client';

/**
 * The learner's terminal: xterm.js bound to a host session from lib/terminal (a login shell on a pty).
 * This component only moves bytes and sizes between the two; prompts, line editing, history, bracketed paste and
 * job control all live in the session. The one terminal setting made here is bracketed paste (mode 2004), on from
 * the start because the pty handles bracketed pastes wherever input is read; see `attach`.
 */
import { useEffect, useRef, useState } from 'react';
import type { Terminal as XTerm } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { TERMINAL_FONT_FAMILY, TERMINAL_THEME } from './terminal/theme';
import { startHost, type RunningHost, type RunningSession } from './terminal/session-binding';

export type TerminalState = 'starting' | 'ready' | 'exited' | 'error';

export interface TerminalMessages {
  readonly starting: string;
  readonly ready: string;
  readonly exited: string;
  readonly failed: string;
  /** Printed in the terminal when the shell exits; `{code}` is its exit status. */
  readonly exitedLine: string;
}

export interface TerminalProps {
  /** Accessible name of the terminal region. */
  readonly label: string;
  readonly messages: TerminalMessages;
  readonly className?: string;
  readonly fontSize?: number;
  /**
   * The host this terminal opens its login shell on (shared by the tabs of the playground). Without it the terminal
   * starts a host of its own and ends it when unmounted.
   */
  readonly host?: () => Promise<RunningHost>;
  /** Whether this terminal is the one shown (tabs keep the others mounted, so their shells keep running). */
  readonly active?: boolean;
  /** Told about the shell currently attached (uploads go to its working directory); undefined while there is none. */
  readonly onSession?: (session: RunningSession | undefined) => void;
}

declare global {
  interface Window {
    /** The xterm instance, exposed only to automated browsers (navigator.webdriver) so e2e tests can read the buffer. */
    __layerlabTerm?: XTerm;
  }
}

export default function Terminal({ label, messages, className, fontSize = 14, host: sharedHost, active = true, onSession }: TerminalProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const sharedHostRef = useRef(sharedHost);
  sharedHostRef.current = sharedHost;
  const onSessionRef = useRef(onSession);
  onSessionRef.current = onSession;
  const termRef = useRef<XTerm | null>(null);
  const activeRef = useRef(active);
  activeRef.current = active;
  const [state, setState] = useState<TerminalState>('starting');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let term: XTerm | undefined;
    let session: RunningSession | undefined;
    /** Keys typed while the session is still loading; the pty gets them once it exists, as type-ahead. */
    let pending: string[] | null = null;
    let exited = false;
    const cleanups: Array<() => void> = [];
    /** A host of this terminal's own, when none is shared. */
    let ownHost: Promise<RunningHost> | undefined;
    const getHost = (xterm: XTerm): Promise<RunningHost> => {
      const shared = sharedHostRef.current;
      if (shared) return shared();
      ownHost ??= startHost({ columns: xterm.cols, rows: xterm.rows });
      return ownHost;
    };
    const setSession = (s: RunningSession | undefined) => {
      session = s;
      onSessionRef.current?.(s);
    };

    const attach = async (xterm: XTerm) => {
      setState('starting');
      exited = false;
      pending = [];
      // The pty understands bracketed pastes in every read mode (line editor, canonical reads, full-screen
      // programs), so this terminal brackets every paste: xterm then sends ESC[200~ … ESC[201~ around pasted text
      // and a multi-line paste reaches the line editor as one paste, not as typed lines and Enters.
      xterm.write('\x1b[?2004h');
      try {
        const running = await getHost(xterm);
        if (disposed) return;
        setSession(
          running.open({
            columns: xterm.cols,
            rows: xterm.rows,
            onOutput: (data) => xterm.write(data),
            onFirstOutput: () => !disposed && setState('ready'),
          }),
        );
      } catch (err) {
        pending = null;
        if (disposed) return;
        const message = err instanceof Error ? err.message : String(err);
        setError(message);
        setState('error');
        xterm.write(`\x1b[31m${messagesRef.current.failed}: ${message}\x1b[0m\r\n`);
        return;
      }
      const current = session!;
      for (const data of pending ?? []) current.input(data);
      pending = null;
      void current.exited.then((code) => {
        if (disposed || session !== current) return;
        current.close();
        setSession(undefined);
        exited = true;
        setState('exited');
        const line = messagesRef.current.exitedLine.replace('{code}', String(code));
        // Once the shell's last output is on screen, start the notice on a line of its own.
        xterm.write('', () => {
          const newline = xterm.buffer.active.cursorX === 0 ? '' : '\r\n';
          xterm.write(`${newline}\x1b[2m${line}\x1b[0m\r\n`);
        });
      });
    };

    void (async () => {
      const [{ Terminal: XTermCtor }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
      if (disposed) return;
      term = new XTermCtor({
        fontFamily: TERMINAL_FONT_FAMILY,
        fontSize,
        lineHeight: 1.15,
        cursorBlink: true,
        scrollback: 5000,
        theme: TERMINAL_THEME,
        allowProposedApi: false,
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(host);
      fit.fit();
      const xterm = term;
      termRef.current = xterm;
      if (navigator.webdriver && activeRef.current) window.__layerlabTerm = xterm;

      const dataSub = xterm.onData((data) => {
        if (session) session.input(data);
        else if (pending) pending.push(data);
        else if (exited && data.includes('\r')) void attach(xterm); // Enter after the shell exited starts a new one
      });
      const resizeSub = xterm.onResize(({ cols, rows }) => session?.resize(cols, rows));
      cleanups.push(() => dataSub.dispose(), () => resizeSub.dispose());

      // Fit on every size change of the container, at most once per frame.
      let frame = 0;
      const observer = new ResizeObserver(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          if (!disposed && host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
        });
      });
      observer.observe(host);
      cleanups.push(() => {
        cancelAnimationFrame(frame);
        observer.disconnect();
      });

      if (activeRef.current) xterm.focus();
      await attach(xterm);
    })();

    return () => {
      disposed = true;
      for (const cleanup of cleanups) cleanup();
      session?.close();
      setSession(undefined);
      void ownHost?.then((h) => h.close());
      termRef.current = null;
      if (term && window.__layerlabTerm === term) delete window.__layerlabTerm;
      term?.dispose();
    };
  }, [fontSize]);

  // The terminal shown gets the keyboard (and, for automated browsers, is the one window.__layerlabTerm reads).
  useEffect(() => {
    const xterm = termRef.current;
    if (!active || !xterm) return;
    if (navigator.webdriver) window.__layerlabTerm = xterm;
    xterm.focus();
  }, [active]);

  const status = state === 'error' ? `${messages.failed}${error ? `: ${error}` : ''}` : messages[state];
  return (
    <div
      className={`relative min-h-0 flex-col ${active ? 'flex' : 'hidden'} ${className ?? ''}`}
      data-terminal-state={state}
      data-terminal-active={active ? 'true' : 'false'}
      role="region"
      aria-label={label}
    >
      <div ref={hostRef} className="layerlab-terminal min-h-0 flex-1" />
      <p className="sr-only" role="status" aria-live="polite" data-testid="terminal-status">
        {status}
      </p>
      {state === 'starting' ? (
        <p aria-hidden="true" className="pointer-events-none absolute left-4 top-3 font-mono text-sm text-slate-500">
          {messages.starting}
        </p>
      ) : null}
    </div>
  );
}
