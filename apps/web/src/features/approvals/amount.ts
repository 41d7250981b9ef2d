/** Yen amounts typed by people: full-width digits, commas and 円 are fine; the result is integer yen or null. */
export function parseYen(text: string): number | null {
  const ascii = text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，、円\s]/g, '');
  if (ascii === '') return null;
  if (!/^\d{1,14}$/.test(ascii)) return Number.NaN;
  return Number(ascii);
}

/** 1234567 → 「1,234,567」. */
export function formatYen(value: number | null): string {
  return value === null || Number.isNaN(value) ? '' : value.toLocaleString('ja-JP');
}
