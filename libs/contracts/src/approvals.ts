import { z } from 'zod';
import { isoDateSchema, text, uuidSchema } from './common';

/**
 * Electronic approval (電子決裁): templates, the decision-authority table (専決規程), documents, their versions
 * and actions, and the inbox. The running state of a document on its route is `@ringi/domain`'s
 * `ApprovalState`; its JSON is sent as is (`state`).
 */

export const APPROVAL_DOCUMENT_KINDS = ['decision', 'circulation'] as const;
export const APPROVAL_NUMBERING_TIMINGS = ['draft', 'decision', 'enforcement'] as const;
/** 保存年限: years, or 永年. */
export const APPROVAL_RETENTIONS = ['1', '3', '5', '10', '30', 'permanent'] as const;
export const approvalRetentionSchema = z.enum(APPROVAL_RETENTIONS);
export type ApprovalRetention = z.infer<typeof approvalRetentionSchema>;
/** 公開区分: 公開 / 部分公開 / 非公開. */
export const APPROVAL_DISCLOSURES = ['public', 'partial', 'private'] as const;
export const approvalDisclosureSchema = z.enum(APPROVAL_DISCLOSURES);

const codeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z_-]{1,40}$/);
const categorySchema = z
  .string()
  .trim()
  .regex(/^[0-9a-z_-]{1,40}$/);
/** Integer yen, 0 to 10^13 (a town's budget fits many times over). */
export const yenSchema = z.number().int().min(0).max(10_000_000_000_000);

// ---------------------------------------------------------------------------------------------------------
// Form field definitions (versioned JSON, `v: 1`)

export const APPROVAL_FIELD_TYPES = ['text', 'number', 'amount', 'date', 'choice'] as const;
export const approvalFieldDefinitionSchema = z.strictObject({
  /** Key of the value in a document's `fields`. */
  key: z
    .string()
    .regex(/^[a-z][a-zA-Z0-9_]{0,39}$/)
    .describe('Key of the value in a document, e.g. `destination`.'),
  label: text(60),
  labelEn: text(80),
  type: z.enum(APPROVAL_FIELD_TYPES),
  required: z.boolean(),
  /** For `choice`: the values offered. */
  choices: z.array(text(60)).max(50).optional(),
  /** For `text`: the longest value. */
  maxLength: z.number().int().min(1).max(10000).optional(),
});
export type ApprovalFieldDefinition = z.infer<typeof approvalFieldDefinitionSchema>;

export const approvalFormDefinitionSchema = z.strictObject({
  v: z.literal(1),
  fields: z.array(approvalFieldDefinitionSchema).max(40),
});
export type ApprovalFormDefinition = z.infer<typeof approvalFormDefinitionSchema>;

/**
 * A value of a document's field: text, number (amount: integer yen), date (`YYYY-MM-DD`) or a choice. A field
 * without a value is left out (or an empty string).
 */
export const approvalFieldValueSchema = z.union([z.string().max(10000), z.number()]);
export const approvalFieldValuesSchema = z.record(
  z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/),
  approvalFieldValueSchema,
);
export type ApprovalFieldValues = z.infer<typeof approvalFieldValuesSchema>;

// ---------------------------------------------------------------------------------------------------------
// Templates

export const approvalTemplateSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** The 専決規程 category (e.g. `general`, `expenditure`). */
  category: z.string(),
  kind: z.enum(APPROVAL_DOCUMENT_KINDS),
  form: approvalFormDefinitionSchema,
  defaultRetention: approvalRetentionSchema,
  numberingTiming: z.enum(APPROVAL_NUMBERING_TIMINGS),
  /** 取引先 and amount are asked for (and the amount picks the decider). */
  financial: z.boolean(),
  /** Everyone of the drafter's department may read its documents. */
  departmentVisible: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type ApprovalTemplate = z.infer<typeof approvalTemplateSchema>;
export const approvalTemplateListSchema = z.object({ items: z.array(approvalTemplateSchema) });

export const createApprovalTemplateRequestSchema = z.strictObject({
  code: codeSchema,
  name: text(60),
  nameEn: text(80),
  category: categorySchema,
  kind: z.enum(APPROVAL_DOCUMENT_KINDS),
  form: approvalFormDefinitionSchema,
  defaultRetention: approvalRetentionSchema,
  numberingTiming: z.enum(APPROVAL_NUMBERING_TIMINGS),
  financial: z.boolean(),
  departmentVisible: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(100000).default(0),
});
export type CreateApprovalTemplateRequest = z.input<typeof createApprovalTemplateRequestSchema>;
export const updateApprovalTemplateRequestSchema = createApprovalTemplateRequestSchema
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict();
export type UpdateApprovalTemplateRequest = z.input<typeof updateApprovalTemplateRequestSchema>;

// ---------------------------------------------------------------------------------------------------------
// Decision-authority table (専決規程)

export const decisionAuthorityRuleSchema = z.object({
  id: uuidSchema,
  /** Template category, or null for the rule every category falls back to. */
  category: z.string().nullable(),
  /** Inclusive upper bound in yen; null for no bound. */
  upTo: z.number().int().nullable(),
  positionId: uuidSchema,
  positionName: z.string(),
});
export type DecisionAuthorityRuleView = z.infer<typeof decisionAuthorityRuleSchema>;
export const decisionAuthorityTableSchema = z.object({ items: z.array(decisionAuthorityRuleSchema) });
export type DecisionAuthorityTableView = z.infer<typeof decisionAuthorityTableSchema>;

export const replaceDecisionAuthorityRequestSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        category: categorySchema.nullable(),
        upTo: yenSchema.nullable(),
        positionId: uuidSchema,
      }),
    )
    .max(200),
});
export type ReplaceDecisionAuthorityRequest = z.infer<typeof replaceDecisionAuthorityRequestSchema>;

// ---------------------------------------------------------------------------------------------------------
// Routes

export const approvalAssigneeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('user'), userId: uuidSchema }),
  z.strictObject({ type: z.literal('position'), positionId: uuidSchema, departmentId: uuidSchema }),
]);
export const consultationStageSchema = z.strictObject({
  mode: z.enum(['all', 'any']),
  assignees: z.array(approvalAssigneeSchema).min(1).max(20),
});

// ---------------------------------------------------------------------------------------------------------
// Documents

const draftContent = {
  title: text(200),
  body: z.string().max(100000).default(''),
  fields: approvalFieldValuesSchema.default({}),
  fiscalYear: z.number().int().min(1900).max(2200).optional(),
  disclosure: approvalDisclosureSchema.default('public'),
  /** 文書分類 (e.g. 総務・人事・給与). */
  classification: z.string().trim().max(100).default(''),
  retention: approvalRetentionSchema.optional(),
  plannedEnforcementOn: isoDateSchema.nullable().default(null),
  counterparty: z.string().trim().max(200).nullable().default(null),
  amount: yenSchema.nullable().default(null),
  /** 合議 stages, placed just before the decision. */
  consultations: z.array(consultationStageSchema).max(10).default([]),
  /** 後閲 after the decision. */
  reviewers: z.array(approvalAssigneeSchema).max(20).default([]),
  /** 秘文書: only its route and administrators find or open it; `secretUntil` (時限秘) is its last secret day. */
  secret: z.boolean().default(false),
  secretUntil: isoDateSchema.nullable().default(null),
  /** The binder (簿冊) it will be filed in; when none is chosen, the department's binder of its 分類 is used. */
  binderId: uuidSchema.nullable().default(null),
};

export const createApprovalDraftRequestSchema = z.strictObject({ templateId: uuidSchema, ...draftContent });
export type CreateApprovalDraftRequest = z.input<typeof createApprovalDraftRequestSchema>;

export const updateApprovalDraftRequestSchema = z.strictObject({
  title: draftContent.title.optional(),
  body: z.string().max(100000).optional(),
  fields: approvalFieldValuesSchema.optional(),
  fiscalYear: draftContent.fiscalYear,
  disclosure: approvalDisclosureSchema.optional(),
  classification: z.string().trim().max(100).optional(),
  retention: approvalRetentionSchema.optional(),
  plannedEnforcementOn: isoDateSchema.nullable().optional(),
  counterparty: z.string().trim().max(200).nullable().optional(),
  amount: yenSchema.nullable().optional(),
  consultations: z.array(consultationStageSchema).max(10).optional(),
  reviewers: z.array(approvalAssigneeSchema).max(20).optional(),
  secret: z.boolean().optional(),
  secretUntil: isoDateSchema.nullable().optional(),
  binderId: uuidSchema.nullable().optional(),
  /** The `lockVersion` the client last saw. */
  lockVersion: z.number().int().min(0),
});
export type UpdateApprovalDraftRequest = z.input<typeof updateApprovalDraftRequestSchema>;

export const APPROVAL_ACTING = ['self', 'superior', 'deputy'] as const;
const actingSchema = z.discriminatedUnion('as', [
  z.strictObject({ as: z.literal('self') }),
  z.strictObject({ as: z.literal('superior') }),
  z.strictObject({ as: z.literal('deputy'), forUserId: uuidSchema }),
]);
const stepIdSchema = z.string().regex(/^st[0-9]{1,6}$/);
const reasonSchema = text(2000);

export const approvalActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('submit') }),
  z.strictObject({
    type: z.literal('approve'),
    stepId: stepIdSchema,
    comment: z.string().trim().max(2000).optional(),
    acting: actingSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('decide'),
    stepId: stepIdSchema,
    comment: z.string().trim().max(2000).optional(),
    acting: actingSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('acknowledge'),
    stepId: stepIdSchema,
    comment: z.string().trim().max(2000).optional(),
  }),
  z.strictObject({
    type: z.literal('send_back'),
    stepId: stepIdSchema,
    to: z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('drafter') }),
      z.strictObject({ type: z.literal('step'), stepId: stepIdSchema }),
    ]),
    reason: reasonSchema,
    acting: actingSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('reject'),
    stepId: stepIdSchema,
    reason: reasonSchema,
    acting: actingSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('comment'),
    text: text(2000),
    stepId: stepIdSchema.optional(),
  }),
  z.strictObject({ type: z.literal('withdraw') }),
  z.strictObject({
    type: z.literal('enforce'),
    enforcedOn: isoDateSchema,
    method: text(100),
  }),
  z.strictObject({ type: z.literal('discard') }),
  z.strictObject({ type: z.literal('record_law_number'), lawNumber: text(100) }),
]);
export type ApprovalActionInput = z.infer<typeof approvalActionSchema>;

export const approvalActionRequestSchema = z.strictObject({
  action: approvalActionSchema,
  /** The `lockVersion` of the document the actor saw: a stale one gets 409. */
  lockVersion: z.number().int().min(0),
  /** Makes a repeated request safe (also accepted as the `Idempotency-Key` header). */
  clientActionId: z
    .string()
    .regex(/^[0-9A-Za-z_-]{8,80}$/)
    .optional(),
});
export type ApprovalActionRequest = z.infer<typeof approvalActionRequestSchema>;

const assigneeView = z.union([
  z.object({ type: z.literal('user'), userId: z.string() }),
  z.object({ type: z.literal('position'), positionId: z.string(), departmentId: z.string() }),
]);
const stepRecordView = z.object({
  actorId: z.string(),
  capacity: z.enum(APPROVAL_ACTING),
  onBehalfOf: z.array(z.string()),
  at: z.string(),
  comment: z.string().nullable(),
});
export const approvalStepViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['approve', 'decide', 'consult', 'review', 'acknowledge']),
  assignee: assigneeView,
  /** 課長 of 総務課, or the person's name. */
  assigneeLabel: z.string(),
  status: z.enum([
    'waiting',
    'active',
    'approved',
    'decided',
    'acknowledged',
    'sent_back',
    'rejected',
    'skipped',
  ]),
  holders: z.array(z.object({ id: z.string(), name: z.string() })),
  activatedAt: z.string().nullable(),
  record: stepRecordView.nullable(),
  actorName: z.string().nullable(),
  addedFor: z.string().nullable(),
});
export const approvalStageViewSchema = z.object({
  id: z.string(),
  mode: z.enum(['all', 'any']),
  steps: z.array(approvalStepViewSchema),
});

export const APPROVAL_STATUSES = [
  'draft',
  'in_progress',
  'sent_back',
  'withdrawn',
  'rejected',
  'decided',
  'completed',
  'circulated',
  'discarded',
] as const;
export const approvalStatusSchema = z.enum(APPROVAL_STATUSES);

export const approvalDocumentSummarySchema = z.object({
  id: uuidSchema,
  templateId: uuidSchema,
  templateName: z.string(),
  title: z.string(),
  status: approvalStatusSchema,
  number: z.string().nullable(),
  fiscalYear: z.number().int(),
  drafterId: uuidSchema,
  drafterName: z.string(),
  departmentId: uuidSchema,
  departmentName: z.string(),
  amount: z.number().int().nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ApprovalDocumentSummary = z.infer<typeof approvalDocumentSummarySchema>;

export const approvalAllowedActionSchema = z.object({
  type: z.string(),
  stepId: z.string().optional(),
  acting: z.object({ as: z.enum(APPROVAL_ACTING), forUserId: z.string().optional() }).optional(),
});

export const approvalActionViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  actorId: uuidSchema,
  actorName: z.string(),
  onBehalfOf: z.array(z.string()),
  stepId: z.string().nullable(),
  comment: z.string().nullable(),
  version: z.number().int(),
  at: z.iso.datetime({ offset: true }),
});

export const approvalVersionViewSchema = z.object({
  version: z.number().int(),
  hash: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  content: z.record(z.string(), z.unknown()),
});

/** Attachments: PDF, office documents (Word, Excel, PowerPoint and their OpenDocument kin) and scanned images. */
export const APPROVAL_ATTACHMENT_MAX_BYTES = 30 * 1024 * 1024;
export const APPROVAL_ATTACHMENTS_MAX = 50;
export const APPROVAL_ATTACHMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'image/jpeg',
  'image/png',
] as const;
/** What a file chooser offers (the server decides by the file's bytes). */
export const APPROVAL_ATTACHMENT_ACCEPT =
  '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt,.jpg,.jpeg,.png';

export const approvalAttachmentIdParamSchema = z.strictObject({ id: uuidSchema, attachmentId: uuidSchema });

/**
 * A file attached to a document. Before submission the drafter may add and remove; once submitted, files are
 * only added (and recorded in the audit chain with their sha256); a later version (after a send-back) may leave
 * one out, which is then marked `removedInVersion` and stays readable with the versions that held it.
 */
export const approvalAttachmentSchema = z.object({
  id: uuidSchema,
  fileId: uuidSchema,
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** The version it first belongs to. */
  addedInVersion: z.number().int(),
  /** Added while the document was on its route (not covered by that version's hash; by the audit chain). */
  addedAfterSubmission: z.boolean(),
  addedAt: z.iso.datetime({ offset: true }),
  addedById: uuidSchema,
  addedByName: z.string(),
  /** The first version that no longer holds it, or null. */
  removedInVersion: z.number().int().nullable(),
});
export type ApprovalAttachment = z.infer<typeof approvalAttachmentSchema>;

export const approvalDocumentSchema = approvalDocumentSummarySchema.extend({
  body: z.string(),
  fields: approvalFieldValuesSchema,
  disclosure: approvalDisclosureSchema,
  classification: z.string(),
  retention: approvalRetentionSchema,
  plannedEnforcementOn: z.string().nullable(),
  counterparty: z.string().nullable(),
  consultations: z.array(consultationStageSchema),
  reviewers: z.array(approvalAssigneeSchema),
  currentVersion: z.number().int(),
  lockVersion: z.number().int(),
  submittedAt: z.iso.datetime({ offset: true }).nullable(),
  decidedAt: z.iso.datetime({ offset: true }).nullable(),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  /** The day retention ends (null until complete, or 永年). */
  retentionEndsOn: z.string().nullable(),
  enforcement: z.object({ enforcedOn: z.string(), method: z.string(), recordedAt: z.string() }).nullable(),
  lawNumber: z.string().nullable(),
  stages: z.array(approvalStageViewSchema),
  /** Every attachment the document ever had, oldest first (see `removedInVersion`). */
  attachments: z.array(approvalAttachmentSchema),
  /** Whether the caller may add attachments now (and, while the document is with the drafter, remove them). */
  canAttach: z.boolean(),
  allowedActions: z.array(approvalAllowedActionSchema),
  actions: z.array(approvalActionViewSchema),
  versions: z.array(approvalVersionViewSchema),
  /** 秘文書 (and until when: 時限秘). */
  secret: z.boolean(),
  secretUntil: z.string().nullable(),
  /** The binder (簿冊) it is filed in. */
  binderId: uuidSchema.nullable(),
  binderTitle: z.string().nullable(),
  /** 書面決定: decided on paper and registered afterwards with its scan. */
  paper: z.object({ reason: z.string(), decidedBy: z.string() }).nullable(),
  /** The received documents (収受) it circulates or answers. */
  receipts: z.array(z.object({ id: uuidSchema, number: z.string(), subject: z.string() })),
});
export type ApprovalDocument = z.infer<typeof approvalDocumentSchema>;

export const approvalDocumentIdParamSchema = z.strictObject({ id: uuidSchema });

// ---------------------------------------------------------------------------------------------------------
// Inbox

export const APPROVAL_BOXES = ['pending', 'done', 'drafting', 'submitted', 'review'] as const;
export const approvalBoxSchema = z.enum(APPROVAL_BOXES);
export type ApprovalBox = z.infer<typeof approvalBoxSchema>;

export const approvalInboxQuerySchema = z.strictObject({
  box: approvalBoxSchema,
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ApprovalInboxQuery = z.infer<typeof approvalInboxQuerySchema>;

export const approvalInboxSchema = z.object({
  items: z.array(approvalDocumentSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ApprovalInbox = z.infer<typeof approvalInboxSchema>;

export const approvalInboxCountsSchema = z.object({
  pending: z.number().int(),
  done: z.number().int(),
  drafting: z.number().int(),
  submitted: z.number().int(),
  review: z.number().int(),
});
export type ApprovalInboxCounts = z.infer<typeof approvalInboxCountsSchema>;
