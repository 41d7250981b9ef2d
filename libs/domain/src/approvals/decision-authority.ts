/**
 * The decision-authority table (専決規程): template category × amount → the position that decides. Amounts are
 * integer yen; each rule's upper bound is inclusive. Rules without a category are the fallback for every
 * category that has no rule of its own covering the amount.
 */

export interface DeciderPosition {
  positionId: string;
  /** Smaller is higher: 町長 1, 副町長 2, 課長 5. */
  rank: number;
}

export interface DecisionAuthorityRule {
  /** Template category, or null for a fallback rule. */
  category: string | null;
  /** Inclusive upper bound in yen (up to 500,000 → 500000); null for no bound. */
  upTo: number | null;
  decider: DeciderPosition;
}

export type DecisionAuthorityTable = readonly DecisionAuthorityRule[];

function covering(rules: readonly DecisionAuthorityRule[], amount: number): DecisionAuthorityRule | null {
  let best: DecisionAuthorityRule | null = null;
  for (const rule of rules) {
    if (rule.upTo !== null && rule.upTo < amount) continue;
    if (best === null || (rule.upTo !== null && (best.upTo === null || rule.upTo < best.upTo))) best = rule;
  }
  return best;
}

/**
 * The position deciding a document of this category and amount: the category's rule with the smallest upper
 * bound at or above the amount, else the fallback rule likewise; null when neither covers it. A template
 * without an amount counts as 0 yen (the lowest tier).
 */
export function findDecider(
  table: DecisionAuthorityTable,
  category: string,
  amount: number | null = null,
): DeciderPosition | null {
  const yen = amount ?? 0;
  if (!Number.isSafeInteger(yen) || yen < 0) throw new RangeError(`not an amount in yen: ${amount}`);
  const own = covering(
    table.filter((rule) => rule.category === category),
    yen,
  );
  return (
    (
      own ??
      covering(
        table.filter((rule) => rule.category === null),
        yen,
      )
    )?.decider ?? null
  );
}

export type DecisionAuthorityProblemCode =
  /** A bound that is negative or not whole yen. */
  | 'invalid_bound'
  /** Two rules of one category with the same bound. */
  | 'duplicate_bound'
  /** A larger amount decided by a lower position than a smaller one. */
  | 'authority_decreases';

export interface DecisionAuthorityProblem {
  code: DecisionAuthorityProblemCode;
  /** Index of the rule in the table. */
  rule: number;
}

/** Problems in a table an administrator is saving; empty when it is sound. */
export function validateDecisionAuthorityTable(table: DecisionAuthorityTable): DecisionAuthorityProblem[] {
  const problems: DecisionAuthorityProblem[] = [];
  const byCategory = new Map<string | null, number[]>();
  table.forEach((rule, i) => {
    if (rule.upTo !== null && (!Number.isSafeInteger(rule.upTo) || rule.upTo < 0))
      problems.push({ code: 'invalid_bound', rule: i });
    byCategory.set(rule.category, [...(byCategory.get(rule.category) ?? []), i]);
  });
  const bound = (i: number) => table[i].upTo ?? Number.POSITIVE_INFINITY;
  for (const indexes of byCategory.values()) {
    const sorted = [...indexes].sort((a, b) => bound(a) - bound(b));
    sorted.forEach((i, k) => {
      if (k === 0) return;
      const previous = sorted[k - 1];
      if (bound(i) === bound(previous)) problems.push({ code: 'duplicate_bound', rule: i });
      else if (table[i].decider.rank > table[previous].decider.rank)
        problems.push({ code: 'authority_decreases', rule: i });
    });
  }
  return problems.sort((a, b) => a.rule - b.rule);
}
