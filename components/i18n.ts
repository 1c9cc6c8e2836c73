/**
 * UI strings per locale. The strings live in content/ui/<locale>.json; English is the reference shape and every
 * other locale must have the same keys (content/ui/messages.test.ts checks it).
 */
import en from '@/content/ui/en.json';
import zh from '@/content/ui/zh.json';

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export type Messages = typeof en;

const MESSAGES: Record<Locale, Messages> = { en, zh };

/** BCP 47 tags for `<html lang>`: Chinese text here is Simplified. */
export const HTML_LANG: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

/** Fills `{name}` placeholders. Unknown placeholders stay as they are so a missing value is visible. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The pages that exist in every locale, as path segments below the locale prefix ('' is the home page). */
export type PageId = '' | 'play' | 'embed';

/**
 * Where a page lives. English also has unprefixed addresses (`/`, `/play/`, `/embed/`), which are the ones we link
 * to; `/en/...` exists too so every locale has the same shape. Paths end in `/` because the export writes
 * `<page>/index.html` (trailingSlash), which any static host serves without redirects.
 */
export function pageHref(locale: Locale, page: PageId): string {
  const prefix = locale === DEFAULT_LOCALE ? '' : `/${locale}`;
  return page === '' ? `${prefix}/` : `${prefix}/${page}/`;
}
