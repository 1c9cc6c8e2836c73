import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import PlayPage from '@/components/pages/PlayPage';
import { pageMetadata } from '@/components/metadata';
import { isLocale } from '@/components/i18n';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? pageMetadata(locale, 'play') : {};
}

export default async function Page({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return <PlayPage locale={locale} />;
}
