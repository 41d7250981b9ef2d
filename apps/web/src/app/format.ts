import type { Locale } from '@ringi/contracts';
import { TIME_ZONE, tokyoDate } from '@ringi/domain';
import { useI18n } from 'vue-i18n';

/**
 * Dates, times and numbers for people: Japanese with the era (和暦, 令和8年4月1日), English in the Western
 * calendar. Every date is shown as it is in Japan, whatever the device's time zone.
 */

const INTL_LOCALE: Record<Locale, string> = { ja: 'ja-JP-u-ca-japanese', en: 'en-US' };
const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(
  locale: Locale,
  kind: 'date' | 'dateWeekday' | 'dateTime' | 'dateTimeSeconds',
): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let format = cache.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
    };
    if (locale === 'ja') options.era = 'long';
    if (kind === 'dateWeekday') options.weekday = locale === 'ja' ? 'short' : 'long';
    if (kind === 'dateTime' || kind === 'dateTimeSeconds') {
      options.hour = locale === 'ja' ? '2-digit' : 'numeric';
      options.minute = '2-digit';
      options.hourCycle = locale === 'ja' ? 'h23' : 'h12';
      if (locale === 'en') options.month = 'short';
    }
    if (kind === 'dateTimeSeconds') options.second = '2-digit';
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], options);
    cache.set(key, format);
  }
  return format;
}

/** A `YYYY-MM-DD` calendar date (meant in Japan) or an instant. */
export type DateInput = string | Date;

function toInstant(value: DateInput): Date {
  if (value instanceof Date) return value;
  // A bare calendar date is noon in Japan, so no time zone can move it to another day.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00+09:00`);
  return new Date(value);
}

export function formatDate(value: DateInput, locale: Locale): string {
  return dateFormat(locale, 'date').format(toInstant(value));
}

export function formatDateWithWeekday(value: DateInput, locale: Locale): string {
  return dateFormat(locale, 'dateWeekday').format(toInstant(value));
}

export function formatDateTime(value: DateInput, locale: Locale, seconds = false): string {
  return dateFormat(locale, seconds ? 'dateTimeSeconds' : 'dateTime').format(toInstant(value));
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US').format(value);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

/** "5分前" / "5 minutes ago" for recent instants; undefined when more than a week away. */
export function formatRelative(value: DateInput, locale: Locale, now: Date = new Date()): string | undefined {
  let amount = (toInstant(value).getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) {
      return unit === 'second' ? format.format(0, 'second') : format.format(Math.round(amount), unit);
    }
    amount /= size;
  }
  return undefined;
}

/** Today's date in Japan, `YYYY-MM-DD`. */
export function today(): string {
  return tokyoDate(new Date());
}

/** The hour of the day in Japan (0–23), for the greeting. */
export function tokyoHour(at: Date = new Date()): number {
  const hour = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hour: 'numeric',
    hourCycle: 'h23',
  }).format(at);
  return Number(hour);
}

export interface PersonName {
  familyName: string;
  givenName: string;
  familyNameKana?: string;
  givenNameKana?: string;
}

export function personName(person: PersonName): string {
  return `${person.familyName} ${person.givenName}`;
}

export function personKana(person: PersonName): string {
  return [person.familyNameKana, person.givenNameKana].filter(Boolean).join(' ');
}

/** The formatters bound to the current UI language (re-render when it changes). */
export function useFormat() {
  const { locale } = useI18n();
  const current = (): Locale => (locale.value === 'en' ? 'en' : 'ja');
  return {
    date: (value: DateInput) => formatDate(value, current()),
    dateWithWeekday: (value: DateInput) => formatDateWithWeekday(value, current()),
    dateTime: (value: DateInput, seconds = false) => formatDateTime(value, current(), seconds),
    number: (value: number) => formatNumber(value, current()),
    relative: (value: DateInput) => formatRelative(value, current()),
  };
}
