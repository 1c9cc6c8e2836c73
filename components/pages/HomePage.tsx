import Link from 'next/link';
import SiteHeader from '../SiteHeader';
import { messagesFor, pageHref, type Locale } from '../i18n';

/** Commands the host shell runs today; shown as input only, never with made-up output. */
const TRY_COMMANDS = ["docker run --name box alpine sh -c 'echo hi > /hello'", 'docker diff box', 'docker commit box hello:v1', 'docker history hello:v1'];

export default function HomePage({ locale }: { locale: Locale }) {
  const t = messagesFor(locale);
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader locale={locale} page="" />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 pb-20 pt-16 sm:px-6 sm:pt-24">
        <section className="max-w-3xl">
          <p className="font-mono text-sm text-sky-300">{t.home.eyebrow}</p>
          <h1 className="mt-4 text-balance text-4xl font-semibold tracking-tight text-slate-50 sm:text-5xl">{t.home.title}</h1>
          <p className="mt-6 text-lg leading-8 text-slate-300">{t.home.lead}</p>
          <div className="mt-10">
            <Link
              href={pageHref(locale, 'play')}
              data-testid="open-playground"
              className="inline-flex items-center gap-2 rounded-lg bg-sky-300 px-5 py-3 font-medium text-ink-950 transition-colors hover:bg-sky-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-300"
            >
              {t.home.openPlayground}
              <span aria-hidden="true">→</span>
            </Link>
          </div>
        </section>

        <section aria-labelledby="points" className="mt-24">
          <h2 id="points" className="text-sm font-medium uppercase tracking-wider text-slate-500">
            {t.home.pointsTitle}
          </h2>
          <ul className="mt-6 grid gap-4 sm:grid-cols-3">
            {t.home.points.map((p) => (
              <li key={p.title} className="rounded-xl border border-ink-700 bg-ink-900 p-5">
                <h3 className="font-medium text-slate-100">{p.title}</h3>
                <p className="mt-2 text-sm leading-6 text-slate-400">{p.body}</p>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="try" className="mt-16 grid gap-6 sm:grid-cols-[1fr_1.4fr] sm:items-start">
          <div>
            <h2 id="try" className="text-xl font-semibold text-slate-100">
              {t.home.tryTitle}
            </h2>
            <p className="mt-3 leading-7 text-slate-400">{t.home.tryBody}</p>
          </div>
          <pre className="overflow-x-auto rounded-xl border border-ink-700 bg-ink-900 p-5 font-mono text-sm leading-7 text-slate-200">
            {TRY_COMMANDS.map((c) => (
              <code key={c} className="block">
                <span className="select-none text-sky-300">$ </span>
                {c}
              </code>
            ))}
          </pre>
        </section>
      </main>
      <footer className="border-t border-ink-700/70 px-4 py-6 text-center text-sm text-slate-500 sm:px-6">
        {t.home.footer}
      </footer>
    </div>
  );
}
