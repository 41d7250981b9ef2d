import type { Locale } from '@ringi/contracts';
import { createI18n } from 'vue-i18n';
import { ja, type MessageSchema } from './locales/ja';

/** Where the language chosen on the sign-in page is remembered (never anything secret). */
export const LOCALE_STORAGE_KEY = 'ringi.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'ja',
  fallbackLocale: 'ja',
  messages: { ja },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

/** The UI language in effect right now. */
export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

/** The language remembered on this device (for the sign-in page); Japanese unless English was chosen. */
export function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : 'ja';
  } catch {
    return 'ja';
  }
}

function remember(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice simply is not remembered.
  }
}

/**
 * Switches the UI language: loads the English messages on first use (Japanese ships with the first load),
 * sets `<html lang>` and remembers the choice on this device.
 */
export async function setUiLocale(locale: Locale): Promise<void> {
  if (!i18n.global.availableLocales.includes(locale)) {
    const { en } = await import('./locales/en');
    i18n.global.setLocaleMessage('en', en);
  }
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  remember(locale);
}
