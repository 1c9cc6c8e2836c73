import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import RootDocument from '@/components/RootDocument';
import { LOCALES, isLocale } from '@/components/i18n';

export { viewport } from '@/components/metadata';

/** Only the locales we ship exist; any other first segment is a 404 (the export has no server to ask). */
export const dynamicParams = false;

export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return <RootDocument locale={locale}>{children}</RootDocument>;
}
