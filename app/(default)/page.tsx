import HomePage from '@/components/pages/HomePage';
import { pageMetadata } from '@/components/metadata';
import { DEFAULT_LOCALE } from '@/components/i18n';

export const metadata = pageMetadata(DEFAULT_LOCALE, '');

export default function Page() {
  return <HomePage locale={DEFAULT_LOCALE} />;
}
