import { Injectable } from '@nestjs/common';

/** The text around a word found: `before`, the word as written (`match`), `after`. */
export interface Snippet {
  before: string;
  match: string;
  after: string;
}

/** How many characters of context a snippet shows on each side of the word. */
const CONTEXT = 30;
const MAX_TERMS = 8;

/** One character's normalised form: NFKC, lower case, white space dropped (as `ringi_search_norm` in SQL). */
function normChar(c: string): string {
  return c.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/**
 * Full-text search of Japanese (and any) text on plain PostgreSQL (ARCHITECTURE §8): the one place that knows
 * how text is indexed and matched, so pg_bigm or PGroonga can replace it where a town has them.
 *
 * - Text is normalised by `ringi_search_norm` (NFKC, lower case, no white space: PDF text breaks lines inside
 *   words) and indexed as its distinct characters and character bigrams by `ringi_search_grams`, in a `text[]`
 *   column under a GIN index (`stored_file_text.grams`, migration MeetingRecords); the normalised text is kept
 *   too (`norm`, migration MeetingSearchText), so candidates are confirmed without normalising them again.
 * - A query is split at white space into words, all of which must be found. For each word the index is asked
 *   for rows holding all its grams (`@>`: a one-character word needs its character, 予算 its bigram), then the
 *   word is confirmed in the normalised text of those candidates only.
 * - Short texts (titles) are scanned with the same normalisation, without an index.
 */
@Injectable()
export class TextSearchService {
  /** The words of a query: split at white space, duplicates dropped, at most 8. */
  terms(query: string | undefined): string[] {
    if (!query) return [];
    const words = query
      .split(/\s+/u)
      .map((w) => w.trim())
      .filter((w) => normChar(w).length > 0);
    return [...new Set(words)].slice(0, MAX_TERMS);
  }

  /**
   * An SQL condition: the indexed row holds every word. The row (under `alias`) has `grams`
   * (`ringi_search_grams(text)`, GIN-indexed) and `norm` (`ringi_search_norm(text)`), as `stored_file_text` has.
   * Appends the words to `params`.
   */
  indexedMatchSql(alias: string, terms: readonly string[], params: unknown[]): string {
    if (!terms.length) return 'TRUE';
    return terms
      .map((term) => {
        const p = `$${params.push(term)}::text`;
        return `(${alias}.grams @> ringi_search_grams(${p}) AND strpos(${alias}.norm, ringi_search_norm(${p})) > 0)`;
      })
      .join(' AND ');
  }

  /** An SQL condition for a short text without an index (a title): it holds every word. */
  scanMatchSql(expression: string, terms: readonly string[], params: unknown[]): string {
    if (!terms.length) return 'TRUE';
    return terms
      .map((term) => {
        const p = `$${params.push(term)}::text`;
        return `strpos(ringi_search_norm(${expression}), ringi_search_norm(${p})) > 0`;
      })
      .join(' AND ');
  }

  /** The text around the first of the words found in `text` (white space collapsed), or its beginning. */
  snippet(text: string, terms: readonly string[]): Snippet {
    // The normalised text, with the index in `chars` each normalised character came from.
    const chars = [...text];
    let norm = '';
    const from: number[] = [];
    chars.forEach((c, i) => {
      for (const n of normChar(c)) {
        norm += n;
        from.push(i);
      }
    });
    let best: { start: number; end: number } | null = null;
    for (const term of terms) {
      const t = [...term].map(normChar).join('');
      const at = t ? norm.indexOf(t) : -1;
      if (at < 0) continue;
      const start = from[at] ?? 0;
      const end = (from[at + t.length - 1] ?? start) + 1;
      if (!best || start < best.start) best = { start, end };
    }
    const squash = (s: string) => s.replace(/\s+/gu, ' ');
    if (!best) return { before: '', match: '', after: squash(chars.slice(0, CONTEXT * 2).join('')).trim() };
    const beforeStart = Math.max(0, best.start - CONTEXT);
    return {
      before:
        (beforeStart > 0 ? '…' : '') + squash(chars.slice(beforeStart, best.start).join('')).trimStart(),
      match: chars.slice(best.start, best.end).join(''),
      after:
        squash(chars.slice(best.end, best.end + CONTEXT).join('')).trimEnd() +
        (best.end + CONTEXT < chars.length ? '…' : ''),
    };
  }
}
