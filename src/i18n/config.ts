/** Supported locales. Adding one = adding `messages/<locale>.json` and listing it here. */
export const LOCALES = ['en-GB'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en-GB';
export const LOCALE_COOKIE = 'rt_locale';

export function isLocale(value: string | undefined | null): value is Locale {
  return !!value && (LOCALES as readonly string[]).includes(value);
}
