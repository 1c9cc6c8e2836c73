import type { Metadata } from 'next';
import '@/app/globals.css';
import { DEFAULT_LOCALE, HTML_LANG, LOCALES, messagesFor, pageHref } from '@/components/i18n';

export const metadata: Metadata = { title: `404 — ${messagesFor(DEFAULT_LOCALE).notFound.title}`, icons: { icon: '/favicon.svg' } };

/** The export's 404.html: one page for every unknown address, so it speaks both languages. */
export default function GlobalNotFound() {
  return (
    <html lang={HTML_LANG[DEFAULT_LOCALE]}>
      <body className="font-sans">
        <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-10 px-6">
          <p className="font-mono text-sm text-sky-300">404</p>
          {LOCALES.map((l) => {
            const t = messagesFor(l);
            return (
              <section key={l} lang={HTML_LANG[l]}>
                <h1 className="text-2xl font-semibold text-slate-50">{t.notFound.title}</h1>
                <p className="mt-2 text-slate-400">{t.notFound.body}</p>
                <a href={pageHref(l, '')} className="mt-4 inline-block text-sky-300 hover:text-sky-200">
                  {t.notFound.home} →
                </a>
              </section>
            );
          })}
        </main>
      </body>
    </html>
  );
}
