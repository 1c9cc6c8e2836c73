'use client';

/**
 * The playground's terminals: tabs, each a login shell on ONE simulated host (same files, same docker daemon), so
 * a learner whose foreground `docker run` ignores Ctrl-C (Docker forwards it to PID 1) opens another terminal and
 * types `docker kill` there. Hidden tabs stay mounted: their shells and jobs keep running.
 *
 * The bar also moves files between the learner's computer and the host: "Upload" (or dropping files on the
 * terminal) writes them into the active shell's working directory (then `docker load -i` it); the host's
 * `download FILE` command (see lib/terminal/browserFiles.ts) goes the other way.
 */
import { useCallback, useEffect, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import Terminal, { type TerminalMessages } from './Terminal';
import { format } from './i18n';
import { startHost, type RunningHost, type RunningSession } from './terminal/session-binding';

export interface TerminalTabsMessages {
  readonly tabs: string;
  /** `{n}`: the terminal's number. */
  readonly tab: string;
  readonly newTerminal: string;
  /** `{n}`: the terminal's number. */
  readonly closeTerminal: string;
  readonly upload: string;
  /** `{name}`, `{path}`, `{size}` (bytes). */
  readonly uploaded: string;
  /** `{name}`, `{error}`. */
  readonly uploadFailed: string;
  readonly uploadNoShell: string;
  readonly downloadHint: string;
}

export interface TerminalTabsProps {
  readonly label: string;
  readonly messages: TerminalMessages;
  readonly tabMessages: TerminalTabsMessages;
  readonly className?: string;
}

export default function TerminalTabs({ label, messages, tabMessages: t, className }: TerminalTabsProps) {
  const [tabs, setTabs] = useState<number[]>([1]);
  const [active, setActive] = useState(1);
  const [notice, setNotice] = useState('');
  const nextId = useRef(2);
  const sessions = useRef(new Map<number, RunningSession | undefined>());
  const fileInput = useRef<HTMLInputElement>(null);

  // One host for every tab, started by the first terminal that asks and ended when the playground goes away.
  const hostRef = useRef<Promise<RunningHost> | null>(null);
  // The host's first shell starts at 80×24 and takes its terminal's size when the terminal attaches.
  const getHost = useCallback(() => (hostRef.current ??= startHost({ columns: 80, rows: 24 })), []);
  useEffect(
    () => () => {
      const host = hostRef.current;
      hostRef.current = null;
      void host?.then((h) => h.close());
    },
    [],
  );

  const addTab = () => {
    const id = nextId.current++;
    setTabs((ts) => [...ts, id]);
    setActive(id);
  };

  const closeTab = (id: number) => {
    const rest = tabs.filter((x) => x !== id);
    if (rest.length === 0) return;
    // The tab to the left (or the new first one) is shown when the shown tab closes.
    if (active === id) setActive(rest[Math.max(0, tabs.indexOf(id) - 1)]!);
    setTabs(rest);
    sessions.current.delete(id);
  };

  /** Writes picked or dropped files into the shown terminal's working directory, one after another. */
  const upload = async (files: readonly File[]) => {
    const session = sessions.current.get(active);
    if (!session) {
      setNotice(t.uploadNoShell);
      return;
    }
    const notes: string[] = [];
    for (const file of files) {
      try {
        const path = await session.upload(file);
        notes.push(format(t.uploaded, { name: file.name, path, size: file.size }));
      } catch (err) {
        notes.push(format(t.uploadFailed, { name: file.name, error: err instanceof Error ? err.message : String(err) }));
      }
    }
    setNotice(notes.join(' '));
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) void upload(files);
  };

  // Files dragged from the desktop onto a terminal are uploaded the same way.
  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    const files = [...e.dataTransfer.files];
    if (files.length === 0) return;
    e.preventDefault();
    void upload(files);
  };

  const tabButton = 'rounded-t px-3 py-1.5 font-mono text-xs transition-colors';
  return (
    <div className={`flex min-h-0 flex-col ${className ?? ''}`}>
      <div className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-ink-700/70 px-2 pt-1.5 text-xs">
        <div role="tablist" aria-label={t.tabs} className="flex items-end gap-1">
          {tabs.map((id) => (
            <div key={id} className={`flex items-center ${id === active ? 'bg-ink-800 text-slate-100' : 'text-slate-400'} rounded-t`}>
              <button
                type="button"
                role="tab"
                id={`terminal-tab-${id}`}
                aria-selected={id === active}
                aria-controls={`terminal-panel-${id}`}
                className={`${tabButton} hover:text-slate-100`}
                onClick={() => setActive(id)}
              >
                {format(t.tab, { n: id })}
              </button>
              {tabs.length > 1 ? (
                <button
                  type="button"
                  aria-label={format(t.closeTerminal, { n: id })}
                  className="pr-2 text-slate-500 hover:text-slate-100"
                  onClick={() => closeTab(id)}
                >
                  ×
                </button>
              ) : null}
            </div>
          ))}
        </div>
        <button type="button" className={`${tabButton} -ml-2 text-slate-400 hover:text-slate-100`} onClick={addTab}>
          + {t.newTerminal}
        </button>
        <div className="ml-auto flex min-w-0 items-center gap-3 pb-1">
          <span className="hidden truncate text-slate-500 lg:inline">{t.downloadHint}</span>
          <button
            type="button"
            className="rounded border border-ink-700 px-2 py-0.5 text-slate-300 transition-colors hover:border-slate-500 hover:text-slate-100"
            onClick={() => fileInput.current?.click()}
          >
            {t.upload}
          </button>
          <input ref={fileInput} type="file" multiple className="hidden" data-testid="upload-input" onChange={onFile} />
        </div>
      </div>
      <p role="status" aria-live="polite" data-testid="files-notice" className={notice ? 'truncate px-3 py-1 text-xs text-slate-400' : 'sr-only'}>
        {notice}
      </p>
      {tabs.map((id) => (
        <div
          key={id}
          id={`terminal-panel-${id}`}
          role="tabpanel"
          aria-labelledby={`terminal-tab-${id}`}
          className={id === active ? 'flex min-h-0 flex-1 flex-col' : 'hidden'}
          onDragOver={onDragOver}
          onDrop={onDrop}
        >
          <Terminal
            label={label}
            messages={messages}
            className="min-h-0 flex-1"
            host={getHost}
            active={id === active}
            onSession={(s) => sessions.current.set(id, s)}
          />
        </div>
      ))}
    </div>
  );
}
