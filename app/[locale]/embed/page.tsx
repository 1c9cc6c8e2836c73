import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import EmbedPage from '@/components/pages/EmbedPage';
import { pageMetadata } from '@/components/metadata';
import { isLocale } from '@/components/i18n';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? pageMetadata(locale, 'embed') : {};
}

export default async function Page({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return <EmbedPage locale={locale} />;
}
