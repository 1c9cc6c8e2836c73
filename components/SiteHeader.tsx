import Link from 'next/link';
import LanguageSwitch from './LanguageSwitch';
import { messagesFor, pageHref, type Locale, type PageId } from './i18n';

export function LayersMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <path d="M6 20.5 16 25l10-4.5" fill="none" stroke="#475569" strokeWidth="2.2" strokeLinejoin="round" />
      <path d="M6 15.5 16 20l10-4.5" fill="none" stroke="#38bdf8" strokeWidth="2.2" strokeLinejoin="round" />
      <path d="M16 6 6 10.5 16 15l10-4.5Z" fill="#7dd3fc" />
    </svg>
  );
}

/** The product name, the way to the playground, and the language switch. */
export default function SiteHeader({ locale, page }: { locale: Locale; page: PageId }) {
  const t = messagesFor(locale);
  return (
    <header className="flex h-14 shrink-0 items-center justify-between gap-3 border-b border-ink-700/70 px-4 sm:px-6">
      <div className="flex min-w-0 items-center gap-4 sm:gap-6">
        <Link href={pageHref(locale, '')} className="flex items-center gap-2 text-slate-100">
          <LayersMark className="h-6 w-6" />
          <span className="font-mono text-[15px] font-semibold tracking-tight">{t.nav.brand}</span>
        </Link>
        <nav aria-label={t.nav.brand} className="text-sm">
          <Link
            href={pageHref(locale, 'play')}
            aria-current={page === 'play' ? 'page' : undefined}
            className={page === 'play' ? 'text-slate-100' : 'text-slate-400 transition-colors hover:text-slate-100'}
          >
            {t.nav.play}
          </Link>
        </nav>
      </div>
      <LanguageSwitch locale={locale} page={page} />
    </header>
  );
}
