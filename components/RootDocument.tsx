import type { ReactNode } from 'react';
import '@/app/globals.css';
import { HTML_LANG, type Locale } from './i18n';

/** `<html>` and `<body>` for every root layout, so each locale's pages carry their own `lang`. */
export default function RootDocument({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <html lang={HTML_LANG[locale]}>
      <body className="font-sans">{children}</body>
    </html>
  );
}
