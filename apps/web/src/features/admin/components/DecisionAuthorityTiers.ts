import type { Locale } from '@ringi/contracts';
import { findDecider, type DecisionAuthorityTable } from '@ringi/domain';

/** A row of the 専決規程 as the administrator edits it (the position may not be chosen yet). */
export interface AuthorityRuleInput {
  category: string | null;
  /** Inclusive upper bound in yen; null for no bound, NaN while the box holds no number. */
  upTo: number | null;
  positionId: string;
}

/** Amounts up to `upTo` (the last tier: null, everything above) are decided by `positionId` (null: nobody). */
export interface AuthorityTier {
  upTo: number | null;
  positionId: string | null;
}

/** One sentence of the preview under the table, per category. */
export interface PreviewLine {
  key: string;
  text: string;
}

/** Never a category (the contract asks for `[0-9a-z_-]{1,40}`): finding by it reaches the fallback rules only. */
const FALLBACK_ONLY = '';

/**
 * Who decides which amounts for one category (null: the rules for every category), as the routing will find
 * it with `findDecider`: the category's own rules first, then the rules for every category. Rows still being
 * typed (no number, no position) are left out. Neighbouring amounts decided by the same position are merged.
 */
export function authorityTiers(
  rules: readonly AuthorityRuleInput[],
  category: string | null,
): AuthorityTier[] {
  const table: DecisionAuthorityTable = rules
    .filter((rule) => rule.positionId !== '' && !Number.isNaN(rule.upTo))
    .filter((rule) => rule.upTo === null || (Number.isSafeInteger(rule.upTo) && rule.upTo >= 0))
    .map((rule) => ({
      category: rule.category,
      upTo: rule.upTo,
      decider: { positionId: rule.positionId, rank: 0 },
    }));
  const relevant = table.filter((rule) => rule.category === null || rule.category === category);
  const bounds = [...new Set(relevant.map((rule) => rule.upTo).filter((b): b is number => b !== null))].sort(
    (a, b) => a - b,
  );
  const decide = (amount: number) =>
    findDecider(table, category ?? FALLBACK_ONLY, amount)?.positionId ?? null;
  const tiers: AuthorityTier[] = bounds.map((upTo) => ({ upTo, positionId: decide(upTo) }));
  tiers.push({ upTo: null, positionId: decide(bounds.length ? bounds[bounds.length - 1] + 1 : 0) });
  const merged: AuthorityTier[] = [];
  for (const tier of tiers) {
    const previous = merged[merged.length - 1];
    if (previous && previous.positionId === tier.positionId) previous.upTo = tier.upTo;
    else merged.push({ ...tier });
  }
  return merged;
}

/** 500000 → 「50万円」, 3000000 → 「300万円」, 123456 → 「123,456円」; in English 「¥500,000」. */
export function formatYenPlain(value: number, locale: Locale): string {
  if (locale === 'en') return `¥${value.toLocaleString('en-US')}`;
  if (value >= 100_000_000 && value % 100_000_000 === 0)
    return `${(value / 100_000_000).toLocaleString('ja-JP')}億円`;
  if (value >= 10_000 && value % 10_000 === 0) return `${(value / 10_000).toLocaleString('ja-JP')}万円`;
  return `${value.toLocaleString('ja-JP')}円`;
}
