import { LayersMark } from '../SiteHeader';
import Terminal from '../Terminal';
import { messagesFor, pageHref, type Locale } from '../i18n';

/** Minimal chrome for iframes: the terminal and one small link out to the full playground. */
export default function EmbedPage({ locale }: { locale: Locale }) {
  const t = messagesFor(locale);
  return (
    <main className="flex h-dvh flex-col bg-ink-900">
      <h1 className="sr-only">{t.meta.embedTitle}</h1>
      <Terminal label={t.play.terminalLabel} messages={t.terminal} className="min-h-0 flex-1" fontSize={13} />
      <div className="flex h-7 shrink-0 items-center justify-end border-t border-ink-700/70 px-3">
        <a
          href={pageHref(locale, 'play')}
          target="_blank"
          rel="noopener"
          className="flex items-center gap-1.5 text-xs text-slate-500 transition-colors hover:text-slate-200"
        >
          <LayersMark className="h-3.5 w-3.5" />
          {t.embed.openFull}
          <span aria-hidden="true">↗</span>
        </a>
      </div>
    </main>
  );
}
