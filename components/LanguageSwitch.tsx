import Link from 'next/link';
import { LOCALES, messagesFor, pageHref, type Locale, type PageId } from './i18n';

/** Links to the same page in each locale; the current one is marked, not linked. */
export default function LanguageSwitch({ locale, page }: { locale: Locale; page: PageId }) {
  const t = messagesFor(locale);
  return (
    <nav aria-label={t.nav.language} className="flex shrink-0 items-center gap-1 rounded-full bg-ink-800 p-1 text-sm">
      {LOCALES.map((l) =>
        l === locale ? (
          <span key={l} aria-current="true" lang={l} className="whitespace-nowrap rounded-full bg-ink-700 px-2.5 py-1 text-slate-100 sm:px-3">
            {t.locales[l]}
          </span>
        ) : (
          <Link
            key={l}
            href={pageHref(l, page)}
            hrefLang={l}
            lang={l}
            data-locale-link={l}
            className="whitespace-nowrap rounded-full px-2.5 py-1 text-slate-400 transition-colors hover:text-slate-100 sm:px-3"
          >
            {t.locales[l]}
          </Link>
        ),
      )}
    </nav>
  );
}
