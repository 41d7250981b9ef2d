import type { Locale } from '@ringi/contracts';

/** The language of the answer: English when the client asks for it first, Japanese otherwise. */
export function localeFromHeader(acceptLanguage: string | string[] | undefined): Locale {
  const value = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  return value?.trim().toLowerCase().startsWith('en') ? 'en' : 'ja';
}
