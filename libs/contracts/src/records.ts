import { z } from 'zod';
import { approvalRetentionSchema } from './approvals';
import { isoDateSchema, text, uuidSchema } from './common';

/**
 * Records management (文書管理, issue 10): the receipt register (収受簿), the file plan and its yearly binders
 * (文書分類表・簿冊), secret documents (秘文書), decisions made on paper (書面決定), the end of retention (延長,
 * 移管, 廃棄目録) and the figures a town reports (電子決裁率).
 */

const dateTime = z.iso.datetime({ offset: true });
const optionalText = (max: number) => z.string().trim().max(max);

// ---------------------------------------------------------------------------------------------------------
// Secrecy (秘文書)

/**
 * A document's or receipt's secrecy: `secret` (only its route, its receiver and administrators find or open it)
 * and optionally `secretUntil` (時限秘: the last secret day; the day after, it opens by itself).
 */
export const secrecySchema = z.object({
  secret: z.boolean(),
  secretUntil: z.nullable(z.iso.date()),
});
export type Secrecy = z.infer<typeof secrecySchema>;

export const setSecrecySchema = z
  .strictObject({
    secret: z.boolean(),
    secretUntil: isoDateSchema.nullable().default(null),
  })
  .refine((v) => v.secret || v.secretUntil === null, {
    path: ['secretUntil'],
    params: { reason: 'secret_until_without_secret' },
    message: 'A date of secrecy needs the document to be secret.',
  });
export type SetSecrecy = z.input<typeof setSecrecySchema>;

// ---------------------------------------------------------------------------------------------------------
// File plan (文書分類表) and binders (簿冊)

/** What happens at the end of retention: 移管 (to the archives) or 廃棄 (destroyed). */
export const RECORD_END_ACTIONS = ['transfer', 'dispose'] as const;
export const recordEndActionSchema = z.enum(RECORD_END_ACTIONS);
export type RecordEndAction = z.infer<typeof recordEndActionSchema>;

export const filePlanItemSchema = z.object({
  id: uuidSchema,
  /** 分類記号, e.g. `01-02-03`. */
  code: z.string(),
  /** 大分類・中分類・小分類. */
  major: z.string(),
  middle: z.string(),
  minor: z.string(),
  /** The title of each year's binder (簿冊名). */
  title: z.string(),
  /** The department whose binders it makes; null: every department. */
  departmentId: z.nullable(uuidSchema),
  departmentName: z.nullable(z.string()),
  retention: approvalRetentionSchema,
  endAction: recordEndActionSchema,
  active: z.boolean(),
});
export type FilePlanItem = z.infer<typeof filePlanItemSchema>;

export const filePlanSchema = z.object({ items: z.array(filePlanItemSchema) });
export type FilePlan = z.infer<typeof filePlanSchema>;

export const filePlanCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{1,20}$/);

export const saveFilePlanItemSchema = z.strictObject({
  code: filePlanCodeSchema,
  major: text(60),
  middle: optionalText(60).default(''),
  minor: optionalText(60).default(''),
  title: text(120),
  departmentId: uuidSchema.nullable().default(null),
  retention: approvalRetentionSchema,
  endAction: recordEndActionSchema,
  active: z.boolean().default(true),
});
export type SaveFilePlanItem = z.input<typeof saveFilePlanItemSchema>;

/** 現用 (in use), 延長 counted in `extensions`; then 移管予定 → 移管済, or 廃棄目録 → 廃棄済. */
export const BINDER_STATUSES = [
  'active',
  'transfer_pending',
  'transferred',
  'disposal_listed',
  'disposed',
] as const;
export const binderStatusSchema = z.enum(BINDER_STATUSES);
export type BinderStatus = z.infer<typeof binderStatusSchema>;

export const binderSchema = z.object({
  id: uuidSchema,
  fiscalYear: z.number().int(),
  departmentId: uuidSchema,
  departmentName: z.string(),
  planItemId: uuidSchema,
  code: z.string(),
  /** 大分類 / 中分類 / 小分類 of the plan item, joined. */
  classification: z.string(),
  title: z.string(),
  retention: approvalRetentionSchema,
  endAction: recordEndActionSchema,
  /** The last day of retention (null: 永年). */
  retentionEndsOn: z.nullable(z.iso.date()),
  status: binderStatusSchema,
  /** How many times retention was extended, and the last reason. */
  extensions: z.number().int(),
  extensionReason: z.nullable(z.string()),
  disposalListId: z.nullable(uuidSchema),
  documentCount: z.number().int(),
  receiptCount: z.number().int(),
});
export type Binder = z.infer<typeof binderSchema>;

export const binderListSchema = z.object({
  items: z.array(binderSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type BinderList = z.infer<typeof binderListSchema>;

export const binderSearchSchema = z.strictObject({
  fiscalYear: z.coerce.number().int().min(1900).max(2200).optional(),
  departmentId: uuidSchema.optional(),
  /** 分類記号 prefix or a word of the classification. */
  classification: optionalText(60).optional(),
  title: optionalText(120).optional(),
  status: binderStatusSchema.optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type BinderSearch = z.input<typeof binderSearchSchema>;

/** One filed record in a binder: a document (decided electronically or on paper) or a receipt. */
export const binderEntrySchema = z.object({
  kind: z.enum(['document', 'receipt']),
  id: uuidSchema,
  number: z.nullable(z.string()),
  title: z.string(),
  /** Decided / completed / received on. */
  date: z.nullable(z.iso.date()),
  secret: z.boolean(),
  onPaper: z.boolean(),
});
export type BinderEntry = z.infer<typeof binderEntrySchema>;

export const binderDetailSchema = z.object({
  binder: binderSchema,
  /** What this person may see of the binder's records (secret ones only for their route and administrators). */
  entries: z.array(binderEntrySchema),
});
export type BinderDetail = z.infer<typeof binderDetailSchema>;

export const createYearBindersSchema = z.strictObject({
  fiscalYear: z.number().int().min(2000).max(2200),
});
export const createYearBindersResultSchema = z.object({
  fiscalYear: z.number().int(),
  created: z.number().int(),
});
export type CreateYearBindersResult = z.infer<typeof createYearBindersResultSchema>;

export const fileIntoBinderSchema = z.strictObject({ binderId: uuidSchema });

/**
 * The binders a person may file a new receipt or document in (those in use of their 本務 department and of the
 * departments above it), for a form's choice.
 */
export const fileableBindersQuerySchema = z.strictObject({
  fiscalYear: z.coerce.number().int().min(1900).max(2200).optional(),
});
export const fileableBindersSchema = z.object({
  fiscalYear: z.number().int(),
  items: z.array(
    z.object({
      id: uuidSchema,
      code: z.string(),
      title: z.string(),
      departmentId: uuidSchema,
      departmentName: z.string(),
    }),
  ),
});
export type FileableBinders = z.infer<typeof fileableBindersSchema>;

// ---------------------------------------------------------------------------------------------------------
// Receipts (収受)

export const RECEIPT_SUBJECT_MAX = 200;
export const RECEIPT_FILES_MAX = 10;

export const RECEIPT_LINK_KINDS = ['circulation', 'reply'] as const;
export const receiptLinkKindSchema = z.enum(RECEIPT_LINK_KINDS);

export const receiptLinkSchema = z.object({
  kind: receiptLinkKindSchema,
  documentId: uuidSchema,
  title: z.string(),
  number: z.nullable(z.string()),
  status: z.string(),
});

export const receiptFileSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** The bytes were destroyed with the binder (廃棄): only this record of them stays. */
  disposed: z.boolean(),
});

export const receiptReplyStatusSchema = z.enum(['none', 'open', 'overdue', 'answered']);
export type ReceiptReplyStatus = z.infer<typeof receiptReplyStatusSchema>;

export const receiptSchema = z.object({
  id: uuidSchema,
  /** 収受番号, gap-free per department and 年度: `総務収第12号`. */
  number: z.string(),
  fiscalYear: z.number().int(),
  serial: z.number().int(),
  departmentId: uuidSchema,
  departmentName: z.string(),
  subject: z.string(),
  receivedOn: z.iso.date(),
  sender: z.string(),
  senderNumber: z.string(),
  senderDate: z.nullable(z.iso.date()),
  /** 受付方法: scanned paper or a file received electronically. */
  medium: z.enum(['paper', 'electronic']),
  replyRequired: z.boolean(),
  replyDueOn: z.nullable(z.iso.date()),
  repliedOn: z.nullable(z.iso.date()),
  replyStatus: receiptReplyStatusSchema,
  secret: z.boolean(),
  secretUntil: z.nullable(z.iso.date()),
  binderId: z.nullable(uuidSchema),
  binderTitle: z.nullable(z.string()),
  registeredBy: uuidSchema,
  registeredByName: z.string(),
  createdAt: dateTime,
  files: z.array(receiptFileSchema),
  links: z.array(receiptLinkSchema),
  /** What this person may do with it. */
  canEdit: z.boolean(),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const receiptSummarySchema = receiptSchema.omit({ files: true, links: true, canEdit: true });
export type ReceiptSummary = z.infer<typeof receiptSummarySchema>;

export const receiptListSchema = z.object({
  items: z.array(receiptSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ReceiptList = z.infer<typeof receiptListSchema>;

export const receiptSearchSchema = z.strictObject({
  fiscalYear: z.coerce.number().int().min(1900).max(2200).optional(),
  departmentId: uuidSchema.optional(),
  /** Words of the subject, sender or number. */
  q: optionalText(100).optional(),
  /** Only those still waiting for a reply. */
  replyOpen: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type ReceiptSearch = z.output<typeof receiptSearchSchema>;

const receiptFields = {
  subject: text(RECEIPT_SUBJECT_MAX),
  receivedOn: isoDateSchema,
  sender: text(200),
  senderNumber: optionalText(100),
  senderDate: isoDateSchema.nullable(),
  medium: z.enum(['paper', 'electronic']),
  replyRequired: z.boolean(),
  replyDueOn: isoDateSchema.nullable(),
  binderId: uuidSchema.nullable(),
  secret: z.boolean(),
  secretUntil: isoDateSchema.nullable(),
};
type ReceiptFields = { [K in keyof typeof receiptFields]: z.output<(typeof receiptFields)[K]> };

const receiptRules = <T extends z.ZodType<Partial<ReceiptFields>>>(schema: T) =>
  schema
    .refine((v) => !v.replyRequired || !!v.replyDueOn, {
      path: ['replyDueOn'],
      params: { reason: 'reply_due_required' },
      message: 'A reply needs a deadline.',
    })
    .refine((v) => !v.replyDueOn || !v.receivedOn || v.replyDueOn >= v.receivedOn, {
      path: ['replyDueOn'],
      params: { reason: 'reply_due_before_receipt' },
      message: 'The reply deadline cannot be before the day of receipt.',
    })
    .refine((v) => !v.senderDate || !v.receivedOn || v.senderDate <= v.receivedOn, {
      path: ['senderDate'],
      params: { reason: 'sender_date_after_receipt' },
      message: "The sender's date cannot be after the day of receipt.",
    })
    .refine((v) => v.secret || !v.secretUntil, {
      path: ['secretUntil'],
      params: { reason: 'secret_until_without_secret' },
      message: 'A date of secrecy needs the document to be secret.',
    });

/**
 * Registers a receipt (JSON); its scans or files are then added one by one (multipart, `POST …/files`). A resend
 * with the same client id answers the receipt registered the first time.
 */
export const createReceiptSchema = receiptRules(
  z.strictObject({
    ...receiptFields,
    senderNumber: receiptFields.senderNumber.default(''),
    senderDate: receiptFields.senderDate.default(null),
    medium: receiptFields.medium.default('paper'),
    replyRequired: receiptFields.replyRequired.default(false),
    replyDueOn: receiptFields.replyDueOn.default(null),
    binderId: receiptFields.binderId.default(null),
    secret: receiptFields.secret.default(false),
    secretUntil: receiptFields.secretUntil.default(null),
    /** Made by the device: a resend registers nothing new and takes no second number. */
    clientId: uuidSchema,
  }),
);
export type CreateReceipt = z.input<typeof createReceiptSchema>;

/** Corrects a receipt (the day of receipt and so its number never change). Only the fields given change. */
export const updateReceiptSchema = receiptRules(
  z.strictObject({
    subject: receiptFields.subject.optional(),
    sender: receiptFields.sender.optional(),
    senderNumber: receiptFields.senderNumber.optional(),
    senderDate: receiptFields.senderDate.optional(),
    medium: receiptFields.medium.optional(),
    replyRequired: receiptFields.replyRequired.optional(),
    replyDueOn: receiptFields.replyDueOn.optional(),
    binderId: receiptFields.binderId.optional(),
    secret: receiptFields.secret.optional(),
    secretUntil: receiptFields.secretUntil.optional(),
  }),
);
export type UpdateReceipt = z.input<typeof updateReceiptSchema>;

/** 供覧 or 起案 from a receipt: a draft linked back to it, its files carried over. */
export const startFromReceiptSchema = z.strictObject({ kind: receiptLinkKindSchema });
export const startFromReceiptResultSchema = z.object({ documentId: uuidSchema });
export type StartFromReceiptResult = z.infer<typeof startFromReceiptResultSchema>;

/** 回答済み by hand (answered by telephone, or by a document outside Ringi), or opened again. */
export const markRepliedSchema = z.strictObject({
  repliedOn: isoDateSchema.nullable(),
});

/** Receipts waiting for a reply, for the home page: the person's departments', soonest deadline first. */
export const pendingRepliesSchema = z.object({ items: z.array(receiptSummarySchema) });
export type PendingReplies = z.infer<typeof pendingRepliesSchema>;

// ---------------------------------------------------------------------------------------------------------
// Paper decisions (書面決定)

export const PAPER_REASON_MAX = 500;

/**
 * A decision made on paper, registered afterwards with its scan: it takes the next document number of the
 * department (so the register has no hole), is complete on the day given and counts as not electronic.
 */
export const createPaperDecisionSchema = z
  .strictObject({
    templateId: uuidSchema,
    title: text(200),
    body: optionalText(20000).default(''),
    /** The day it was decided (決裁日), and carried out (施行日, default the same). */
    decidedOn: isoDateSchema,
    enforcedOn: isoDateSchema.nullable().default(null),
    /** Who decided it, as written on the paper (e.g. 町長 山田一郎). */
    decidedBy: text(100),
    reason: text(PAPER_REASON_MAX),
    binderId: uuidSchema.nullable().default(null),
    secret: z.boolean().default(false),
    secretUntil: isoDateSchema.nullable().default(null),
    retention: approvalRetentionSchema.optional(),
    /** A receipt this decision answers. */
    receiptId: uuidSchema.nullable().default(null),
    clientId: uuidSchema,
  })
  .refine((v) => !v.enforcedOn || v.enforcedOn >= v.decidedOn, {
    path: ['enforcedOn'],
    params: { reason: 'enforced_before_decided' },
    message: 'It cannot be carried out before it was decided.',
  })
  .refine((v) => v.secret || !v.secretUntil, {
    path: ['secretUntil'],
    params: { reason: 'secret_until_without_secret' },
    message: 'A date of secrecy needs the document to be secret.',
  });
export type CreatePaperDecision = z.input<typeof createPaperDecisionSchema>;

export const paperDecisionResultSchema = z.object({
  documentId: uuidSchema,
  number: z.string(),
  already: z.boolean(),
});
export type PaperDecisionResult = z.infer<typeof paperDecisionResultSchema>;

// ---------------------------------------------------------------------------------------------------------
// End of retention (延長・移管・廃棄)

export const RETENTION_EXTENSION_REASON_MAX = 500;

export const extendRetentionSchema = z.strictObject({
  /** The new last day of retention (later than the present one). */
  until: isoDateSchema,
  reason: text(RETENTION_EXTENSION_REASON_MAX),
});
export type ExtendRetention = z.input<typeof extendRetentionSchema>;

export const retentionDueQuerySchema = z.strictObject({
  /** Ending on or before this day (default: the end of the present 年度). */
  by: isoDateSchema.optional(),
});

export const retentionDueSchema = z.object({
  by: z.iso.date(),
  binders: z.array(binderSchema),
});
export type RetentionDue = z.infer<typeof retentionDueSchema>;

export const DISPOSAL_LIST_STATUSES = [
  'draft',
  'in_progress',
  'approved',
  'executed',
  'rejected',
  'withdrawn',
] as const;
export const disposalListStatusSchema = z.enum(DISPOSAL_LIST_STATUSES);
export type DisposalListStatus = z.infer<typeof disposalListStatusSchema>;

export const disposalListSchema = z.object({
  id: uuidSchema,
  title: z.string(),
  status: disposalListStatusSchema,
  /** The 廃棄目録 起案 that approves it. */
  documentId: uuidSchema,
  documentNumber: z.nullable(z.string()),
  binders: z.array(binderSchema),
  createdAt: dateTime,
  executedAt: z.nullable(dateTime),
  /** What was destroyed: binders, documents, receipts and files (name, size, sha256). Kept for ever. */
  filesDestroyed: z.number().int(),
});
export type DisposalList = z.infer<typeof disposalListSchema>;

export const disposalListsSchema = z.object({ items: z.array(disposalListSchema) });
export type DisposalLists = z.infer<typeof disposalListsSchema>;

export const createDisposalListSchema = z.strictObject({
  title: text(200),
  binderIds: z.array(uuidSchema).min(1).max(500),
});
export type CreateDisposalList = z.input<typeof createDisposalListSchema>;

// ---------------------------------------------------------------------------------------------------------
// Dashboard (電子決裁率 and the figures a town reports)

export const recordsDashboardQuerySchema = z.strictObject({
  /** 年度 (April–March); default: the present one. */
  fiscalYear: z.coerce.number().int().min(2000).max(2200).optional(),
  departmentId: uuidSchema.optional(),
});
export type RecordsDashboardQuery = z.input<typeof recordsDashboardQuerySchema>;

/** The figures of a span (a month, a department's year, the whole year): decisions and lead time. */
export const dashboardFiguresSchema = z.object({
  /** Decided (決裁) in the span: electronically, and on paper (書面決定). 供覧 is not counted. */
  electronic: z.number().int(),
  paper: z.number().int(),
  /** electronic / (electronic + paper), 0–1; null when nothing was decided. */
  electronicRate: z.nullable(z.number()),
  /** Lead time of the electronic decisions from submission (起案) to decision (決裁) in hours: median, slowest. */
  leadTimeMedianHours: z.nullable(z.number()),
  leadTimeMaxHours: z.nullable(z.number()),
});
export type DashboardFigures = z.infer<typeof dashboardFiguresSchema>;

/** One department's month (only those in which something was decided). */
export const dashboardMonthSchema = dashboardFiguresSchema.extend({
  /** `YYYY-MM` (Japan time of the decision). */
  month: z.string(),
  departmentId: uuidSchema,
  departmentName: z.string(),
});
export type DashboardMonth = z.infer<typeof dashboardMonthSchema>;

export const recordsDashboardSchema = z.object({
  fiscalYear: z.number().int(),
  /** The departments this person may choose (administrators: all; a head: theirs and those below). */
  departments: z.array(z.object({ id: uuidSchema, name: z.string() })),
  /** Per department and month, for the chosen department(s): what the CSV holds. */
  months: z.array(dashboardMonthSchema),
  /** The twelve months April–March over the chosen department(s), months without decisions included. */
  byMonth: z.array(dashboardFiguresSchema.extend({ month: z.string() })),
  /** The year per department (those with decisions), highest rate first. */
  byDepartment: z.array(
    dashboardFiguresSchema.extend({ departmentId: uuidSchema, departmentName: z.string() }),
  ),
  totals: dashboardFiguresSchema,
  /** Documents on their route the longest (those this person may see). */
  waitingLongest: z.array(
    z.object({
      documentId: uuidSchema,
      title: z.string(),
      departmentName: z.string(),
      submittedAt: dateTime,
      waitingDays: z.number().int(),
    }),
  ),
  /** Receipts past their reply deadline (those this person may see), the oldest deadline first. */
  repliesOverdue: z.array(receiptSummarySchema),
  /** Binders whose retention ends by the end of the present 年度 and are not yet transferred or disposed. */
  dueForDisposal: z.array(binderSchema),
});
export type RecordsDashboard = z.infer<typeof recordsDashboardSchema>;

/** The columns of `GET /api/records/dashboard.csv`: one row per department and month. */
export const RECORDS_DASHBOARD_CSV_COLUMNS = [
  '年月',
  '課',
  '電子決裁',
  '書面決裁',
  '電子決裁率(%)',
  '所要時間中央値(時間)',
  '最長(時間)',
] as const;
