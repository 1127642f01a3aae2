import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, isLocale, type Locale } from './config';
import { FORMATS } from './formats';

function fromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim();
    if (isLocale(tag)) return tag;
    const base = tag?.split('-')[0];
    const match = LOCALES.find((l) => l.split('-')[0] === base);
    if (match) return match;
  }
  return null;
}

export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale: Locale = isLocale(cookieLocale)
    ? cookieLocale
    : (fromAcceptLanguage((await headers()).get('accept-language')) ?? DEFAULT_LOCALE);
  return {
    locale,
    timeZone: 'Europe/London',
    formats: FORMATS,
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
