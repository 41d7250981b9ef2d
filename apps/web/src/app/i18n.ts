import type { Locale } from '@ringi/contracts';
import { createI18n, type MessageCompiler, type MessageContext } from 'vue-i18n';
import { ja, type MessageSchema } from './locales/ja';

/** Where the language chosen on the sign-in page is remembered (never anything secret). */
export const LOCALE_STORAGE_KEY = 'ringi.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}

type Part = string | { name: string };
type Compiled = (context: MessageContext<string>) => string;
const compiledMessages = new Map<string, Compiled>();

/**
 * Our messages only ever use `{name}` placeholders, so this small compiler stands in for vue-i18n's full
 * message compiler, which the build drops (`__INTLIFY_DROP_MESSAGE_COMPILER__`), keeping the first load
 * lighter. Text outside braces is shown as written.
 */
export const compileMessage: MessageCompiler = (source) => {
  const text = typeof source === 'string' ? source : '';
  let compiled = compiledMessages.get(text);
  if (!compiled) {
    const parts: Part[] = text
      .split(/(\{\s*[\w.]+\s*\})/)
      .map((piece) => (/^\{\s*[\w.]+\s*\}$/.test(piece) ? { name: piece.slice(1, -1).trim() } : piece));
    compiled = (context) =>
      parts
        .map((part) => (typeof part === 'string' ? part : String(context.named(part.name) ?? '')))
        .join('');
    compiledMessages.set(text, compiled);
  }
  return compiled;
};

/** Japanese ships with the first load; English is added by `setUiLocale` the first time it is chosen. */
const messages: Partial<Record<Locale, MessageSchema>> = { ja };

export const i18n = createI18n({
  legacy: false as const,
  locale: 'ja' as Locale,
  fallbackLocale: 'ja' as Locale,
  messages,
  messageCompiler: compileMessage,
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

/** A feature's messages in each language, loaded on demand (each a chunk of its own). */
export type FeatureMessageLoaders = Record<Locale, () => Promise<Record<string, unknown>>>;
const featureLoaders = new Map<string, FeatureMessageLoaders>();
const featuresLoaded = new Map<string, Set<Locale>>();

/**
 * Declares the messages of a feature (its top-level key, e.g. `approvals`), kept out of the first load. Routes
 * name the features whose messages they need in `meta.messages`; the router loads them before the screen shows.
 */
export function registerFeatureMessages(name: string, loaders: FeatureMessageLoaders): void {
  featureLoaders.set(name, loaders);
}

/** Loads (once per language) and merges the messages of these features into the language in effect. */
export async function loadFeatureMessages(
  names: readonly string[],
  locale: Locale = currentLocale(),
): Promise<void> {
  await Promise.all(
    names.map(async (name) => {
      const loaders = featureLoaders.get(name);
      const done = featuresLoaded.get(name) ?? new Set<Locale>();
      if (!loaders || done.has(locale)) return;
      const messages = await loaders[locale]();
      i18n.global.mergeLocaleMessage(locale, { [name]: messages });
      done.add(locale);
      featuresLoaded.set(name, done);
    }),
  );
}

/**
 * Switches the UI language: loads the English messages on first use (Japanese ships with the first load), and
 * those of the features already in use, sets `<html lang>` and remembers the choice on this device.
 */
export async function setUiLocale(locale: Locale): Promise<void> {
  if (!i18n.global.availableLocales.includes(locale)) {
    const { en } = await import('./locales/en');
    i18n.global.setLocaleMessage('en', en);
  }
  await loadFeatureMessages([...featuresLoaded.keys()], locale);
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  remember(locale);
}
