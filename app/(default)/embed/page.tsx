import EmbedPage from '@/components/pages/EmbedPage';
import { pageMetadata } from '@/components/metadata';
import { DEFAULT_LOCALE } from '@/components/i18n';

export const metadata = pageMetadata(DEFAULT_LOCALE, 'embed');

export default function Page() {
  return <EmbedPage locale={DEFAULT_LOCALE} />;
}
