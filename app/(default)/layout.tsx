import type { ReactNode } from 'react';
import RootDocument from '@/components/RootDocument';
import { DEFAULT_LOCALE } from '@/components/i18n';

export { viewport } from '@/components/metadata';

/** Root layout of the unprefixed addresses (`/`, `/play/`, `/embed/`), which are in the default locale. */
export default function DefaultLocaleLayout({ children }: { children: ReactNode }) {
  return <RootDocument locale={DEFAULT_LOCALE}>{children}</RootDocument>;
}
