import type { ReactNode } from 'react';
import SiteHeader from '../SiteHeader';
import TerminalTabs from '../TerminalTabs';
import { messagesFor, type Locale } from '../i18n';

/**
 * The free playground: terminals (tabs on one simulated host) that take the whole height. `panels` is the slot for
 * the Files, Layers and Images panels; without them the terminals take the full width.
 */
export default function PlayPage({ locale, panels }: { locale: Locale; panels?: ReactNode }) {
  const t = messagesFor(locale);
  return (
    <div className="flex h-dvh flex-col">
      <SiteHeader locale={locale} page="play" />
      <main id="main" className="flex min-h-0 flex-1">
        <h1 className="sr-only">{t.play.heading}</h1>
        <TerminalTabs label={t.play.terminalLabel} messages={t.terminal} tabMessages={t.terminals} className="min-w-0 flex-1 bg-ink-900" />
        {panels ? (
          <aside className="flex w-[min(40rem,45%)] min-w-0 flex-col border-l border-ink-700/70">{panels}</aside>
        ) : null}
      </main>
    </div>
  );
}
