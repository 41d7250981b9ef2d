/**
 * Japanese era names (和暦). A date belongs to the era in force on it; a Gregorian year, and so a fiscal year
 * named by the year it starts in, takes the era in force at the end of that year (2019 is 令和元年, so the
 * fiscal year from April 2019 is 令和元年度, as the government named it; 1988 stays 昭和63年度).
 */

export interface Era {
  name: string;
  /** Romanised, for English text. */
  nameEn: string;
  /** First day, `YYYY-MM-DD`. */
  start: string;
}

/** Newest first. Dates before 1873 (the lunar calendar) are not supported. */
export const ERAS: readonly Era[] = Object.freeze([
  { name: '令和', nameEn: 'Reiwa', start: '2019-05-01' },
  { name: '平成', nameEn: 'Heisei', start: '1989-01-08' },
  { name: '昭和', nameEn: 'Showa', start: '1926-12-25' },
  { name: '大正', nameEn: 'Taisho', start: '1912-07-30' },
  { name: '明治', nameEn: 'Meiji', start: '1868-01-25' },
]);

const FIRST_SUPPORTED = '1873-01-01';

export interface EraYear {
  era: Era;
  /** 1 for the first year (元年). */
  year: number;
}

/** The era and era year of a `YYYY-MM-DD` date: 2019-04-30 is 平成31, 2019-05-01 is 令和1. */
export function eraOf(date: string): EraYear {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < FIRST_SUPPORTED)
    throw new RangeError(`no supported era for ${date}`);
  const era = ERAS.find((e) => e.start <= date) as Era;
  return { era, year: Number(date.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1 };
}

/** The era year naming a Gregorian year: the era in force on its December 31. */
export function eraOfYear(year: number): EraYear {
  if (!Number.isSafeInteger(year) || year > 9999) throw new RangeError(`not a year: ${year}`);
  return eraOf(`${String(year).padStart(4, '0')}-12-31`);
}

/** `令和8年`, with 元年 for the first year. */
export function formatEraYear({ era, year }: EraYear): string {
  return `${era.name}${year === 1 ? '元' : year}年`;
}

/** `令和8年度` for 2026 (`FY2026` in English). */
export function formatFiscalYear(fiscalYear: number, locale: 'ja' | 'en' = 'ja'): string {
  if (locale === 'en') return `FY${fiscalYear}`;
  return `${formatEraYear(eraOfYear(fiscalYear))}度`;
}

/** `令和8年6月10日` for 2026-06-10, the way dates are written on official documents. */
export function formatWarekiDate(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${formatEraYear(eraOf(date))}${month}月${day}日`;
}
