import { z } from 'zod';
import { approvalDocumentSummarySchema, approvalStatusSchema } from './approvals';
import { isoDateSchema, uuidSchema } from './common';

/**
 * Search of approval documents (文書検索): by number, 件名, drafter, department, template, status, 取引先, a date
 * range and an amount range, combined (what the 電子帳簿保存法 asks of financial records: date, amount and
 * counterparty, each alone and together). Every filter is optional; the query string's values are coerced.
 * Only documents the caller may see are searched (the document policy decides).
 */

/** Which date `from` and `to` apply to (and the list is sorted by): 起案 (submitted), 決裁, 完結 (施行・供覧). */
export const APPROVAL_SEARCH_DATE_FIELDS = ['submitted', 'decided', 'completed'] as const;
export const approvalSearchDateFieldSchema = z.enum(APPROVAL_SEARCH_DATE_FIELDS);
export type ApprovalSearchDateField = z.infer<typeof approvalSearchDateFieldSchema>;

/** `newest` (the default) and `oldest` go by the chosen date; `amount_desc` and `amount_asc` by the amount. */
export const APPROVAL_SEARCH_SORTS = ['newest', 'oldest', 'amount_desc', 'amount_asc'] as const;
export const approvalSearchSortSchema = z.enum(APPROVAL_SEARCH_SORTS);
export type ApprovalSearchSort = z.infer<typeof approvalSearchSortSchema>;

/** The largest amount one can search for (the largest a document can carry). */
const MAX_YEN = 10_000_000_000_000;
const yenQuery = z.coerce.number().int().min(0).max(MAX_YEN);
const words = (max: number) => z.string().trim().min(1).max(max);

export const approvalSearchQuerySchema = z.strictObject({
  /**
   * Part of a document number (総務第12号, 総務, 第12号). Digits alone (12 or １２) find the serial: 総務第12号 and
   * 財政第12号, not 第112号.
   */
  number: words(50).optional(),
  /** Part of the 件名, letter case and full/half width ignored. */
  title: words(200).optional(),
  /** The drafter: a user id, or part of their name (漢字 or カナ, with or without the space). */
  drafter: words(100).optional(),
  /** The drafter's department on the day of drafting. */
  departmentId: uuidSchema.optional(),
  templateId: uuidSchema.optional(),
  /** One status (`status=decided`) or several (`status=decided&status=completed`). */
  status: z
    .union([approvalStatusSchema, z.array(approvalStatusSchema).min(1).max(9)])
    .transform((value) => (Array.isArray(value) ? [...new Set(value)] : [value]))
    .optional(),
  /** Part of the 取引先 (counterparty), letter case and full/half width ignored. */
  counterparty: words(200).optional(),
  dateField: approvalSearchDateFieldSchema.default('submitted'),
  /** First day (inclusive, a Japan date). */
  from: isoDateSchema.optional(),
  /** Last day (inclusive, a Japan date). */
  to: isoDateSchema.optional(),
  /** Yen, inclusive. */
  amountMin: yenQuery.optional(),
  /** Yen, inclusive. */
  amountMax: yenQuery.optional(),
  /** 年度 (April to March). */
  fiscalYear: z.coerce.number().int().min(1900).max(2200).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: approvalSearchSortSchema.default('newest'),
});
export type ApprovalSearchQuery = z.infer<typeof approvalSearchQuerySchema>;
/** What a client sends (every value optional; the web app builds it from its form and the URL). */
export type ApprovalSearchParams = z.input<typeof approvalSearchQuerySchema>;

export const approvalSearchItemSchema = approvalDocumentSummarySchema.extend({
  counterparty: z.string().nullable(),
  submittedAt: z.iso.datetime({ offset: true }).nullable(),
  decidedAt: z.iso.datetime({ offset: true }).nullable(),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ApprovalSearchItem = z.infer<typeof approvalSearchItemSchema>;

export const approvalSearchResultSchema = z.object({
  items: z.array(approvalSearchItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ApprovalSearchResult = z.infer<typeof approvalSearchResultSchema>;
