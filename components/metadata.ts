import type { Metadata, Viewport } from 'next';
import { LOCALES, messagesFor, pageHref, type Locale, type PageId } from './i18n';

export const viewport: Viewport = { themeColor: '#070b10', colorScheme: 'dark' };

/** Title, description and the other-language alternates of one page. */
export function pageMetadata(locale: Locale, page: PageId): Metadata {
  const t = messagesFor(locale);
  const title = page === 'play' ? t.meta.playTitle : page === 'embed' ? t.meta.embedTitle : t.meta.title;
  return {
    title,
    description: t.meta.description,
    icons: { icon: '/favicon.svg' },
    alternates: { languages: Object.fromEntries(LOCALES.map((l) => [l, pageHref(l, page)])) },
    ...(page === 'embed' ? { robots: { index: false } } : {}),
  };
}
