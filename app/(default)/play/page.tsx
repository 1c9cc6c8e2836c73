import PlayPage from '@/components/pages/PlayPage';
import { pageMetadata } from '@/components/metadata';
import { DEFAULT_LOCALE } from '@/components/i18n';

export const metadata = pageMetadata(DEFAULT_LOCALE, 'play');

export default function Page() {
  return <PlayPage locale={DEFAULT_LOCALE} />;
}
