import { z } from 'zod';
import { isoDateSchema, text, uuidSchema } from './common';
import { passwordSchema, roleSchema, staffNumberSchema } from './identity';

/** Katakana (full width) with spaces and the long vowel mark, as written in 氏名カナ. */
export const kanaSchema = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\u30A0-\u30FF\u3000 ]+$/);

export const DEPARTMENT_KINDS = ['office', 'division', 'section'] as const; // 部局・室 / 課 / 係
export const departmentKindSchema = z.enum(DEPARTMENT_KINDS);
export type DepartmentKind = z.infer<typeof departmentKindSchema>;

export const departmentCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z_-]{1,20}$/);

export const departmentSchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  code: z.string(),
  name: z.string(),
  nameKana: z.string(),
  kind: departmentKindSchema,
  sortOrder: z.number().int(),
  active: z.boolean(),
  /** Number of staff with an assignment in effect today. */
  staffCount: z.number().int(),
  /** Prefix of its document numbers today (総務 in 総務第123号); null: its name is used. */
  numberPrefix: z.string().nullable(),
  /**
   * Whether the department exists today: `future` (新設 entered ahead; name, parent … are those of its
   * first day), `current`, or `past` (廃止・統合; those of its last day).
   */
  state: z.enum(['future', 'current', 'past']),
  /** The first and last day it exists (null: open-ended). */
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable(),
});
export type Department = z.infer<typeof departmentSchema>;
export const departmentListSchema = z.object({ items: z.array(departmentSchema) });
export type DepartmentList = z.infer<typeof departmentListSchema>;

/** Prefix of document numbers: 総務 for 総務第123号. */
export const numberPrefixSchema = z.string().trim().min(1).max(20);

const departmentFields = {
  parentId: uuidSchema.nullable(),
  code: departmentCodeSchema,
  name: text(60),
  nameKana: kanaSchema,
  kind: departmentKindSchema,
  sortOrder: z.number().int().min(0).max(100000).default(0),
  numberPrefix: numberPrefixSchema.nullable().default(null),
};
export const createDepartmentRequestSchema = z.strictObject({
  ...departmentFields,
  /** 新設: the first day it exists (default: it has always existed). */
  validFrom: isoDateSchema.optional(),
});
export type CreateDepartmentRequest = z.input<typeof createDepartmentRequestSchema>;
/** Corrects a department as it is today (no date: a typo, not a reorganisation). */
export const updateDepartmentRequestSchema = z.strictObject({
  parentId: departmentFields.parentId.optional(),
  code: departmentFields.code.optional(),
  name: departmentFields.name.optional(),
  nameKana: departmentFields.nameKana.optional(),
  kind: departmentFields.kind.optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  numberPrefix: numberPrefixSchema.nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateDepartmentRequest = z.input<typeof updateDepartmentRequestSchema>;

/** One period of a department's history: what it is from `validFrom` to `validTo` (inclusive). */
export const departmentVersionSchema = z.object({
  id: uuidSchema,
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable(),
  name: z.string(),
  nameKana: z.string(),
  kind: departmentKindSchema,
  parentId: uuidSchema.nullable(),
  /** The parent's name on the first day of this period. */
  parentName: z.string().nullable(),
  numberPrefix: z.string().nullable(),
});
export type DepartmentVersion = z.infer<typeof departmentVersionSchema>;
export const departmentHistorySchema = z.object({
  items: z.array(departmentVersionSchema),
  /**
   * Assignments (発令) to this department that are still in effect after its last day (廃止・統合): the
   * administrator moves these people; nothing moves them silently.
   */
  strandedMemberships: z.number().int().min(0),
});
export type DepartmentHistory = z.infer<typeof departmentHistorySchema>;

/**
 * A reorganisation entered ahead (改称, 移管, kind or number prefix): from `validFrom` on, the department has
 * these values; what is not given stays as it was that day.
 */
export const departmentChangeRequestSchema = z.strictObject({
  validFrom: isoDateSchema,
  name: text(60).optional(),
  nameKana: kanaSchema.optional(),
  kind: departmentKindSchema.optional(),
  parentId: uuidSchema.nullable().optional(),
  numberPrefix: numberPrefixSchema.nullable().optional(),
});
export type DepartmentChangeRequest = z.infer<typeof departmentChangeRequestSchema>;
/** 廃止 (or 統合 into another department): from `from` on, the department no longer exists. */
export const abolishDepartmentRequestSchema = z.strictObject({ from: isoDateSchema });
export type AbolishDepartmentRequest = z.infer<typeof abolishDepartmentRequestSchema>;

export const positionSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** Lower is higher: 町長 = 1. */
  rank: z.number().int(),
});
export type Position = z.infer<typeof positionSchema>;
export const positionListSchema = z.object({ items: z.array(positionSchema) });
export type PositionList = z.infer<typeof positionListSchema>;

export const createPositionRequestSchema = z.strictObject({
  code: departmentCodeSchema,
  name: text(30),
  nameEn: text(60),
  rank: z.number().int().min(1).max(999),
});
export type CreatePositionRequest = z.infer<typeof createPositionRequestSchema>;
export const updatePositionRequestSchema = createPositionRequestSchema.partial().strict();
export type UpdatePositionRequest = z.infer<typeof updatePositionRequestSchema>;

export const membershipSchema = z.object({
  id: uuidSchema,
  userId: uuidSchema,
  departmentId: uuidSchema,
  departmentName: z.string(),
  positionId: uuidSchema,
  positionName: z.string(),
  isPrimary: z.boolean(),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable(),
  /** Derived for the requested day: future (発令予定), current or past. */
  state: z.enum(['future', 'current', 'past']),
});
export type Membership = z.infer<typeof membershipSchema>;

export const staffSchema = z.object({
  id: uuidSchema,
  staffNumber: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  active: z.boolean(),
  hasPassword: z.boolean(),
  lockedUntil: z.iso.datetime({ offset: true }).nullable(),
  photoFileId: uuidSchema.nullable(),
  memberships: z.array(membershipSchema),
});
export type Staff = z.infer<typeof staffSchema>;

/** Paging of long lists: 1-based page number and page size (query strings, so coerced from text). */
export const PAGE_SIZE_MAX = 100;
export const pagingQuerySchema = z.strictObject({
  page: z.coerce.number<number | string>().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number<number | string>().int().min(1).max(PAGE_SIZE_MAX).default(50),
});
export type PagingQuery = z.input<typeof pagingQuerySchema>;
const pageInfo = {
  /** How many match the filters in all (not just on this page). */
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
};

/** The administrators' staff list (管理 › 職員): every field, inactive staff on request. */
export const staffListQuerySchema = pagingQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  departmentId: uuidSchema.optional(),
  /** The day the org chart is viewed at; default today. */
  at: isoDateSchema.optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export type StaffListQuery = z.input<typeof staffListQuerySchema>;
export type StaffListParams = z.output<typeof staffListQuerySchema>;
export const staffListSchema = z.object({ items: z.array(staffSchema), at: isoDateSchema, ...pageInfo });
export type StaffList = z.infer<typeof staffListSchema>;

/**
 * The staff directory (職員名簿) every member of staff may read: what colleagues need to find each other,
 * nothing administrative (no role, e-mail, account or lockout state), active staff only.
 */
export const directoryAssignmentSchema = z.object({
  departmentId: uuidSchema,
  departmentName: z.string(),
  positionName: z.string(),
  isPrimary: z.boolean(),
});
export type DirectoryAssignment = z.infer<typeof directoryAssignmentSchema>;
export const directoryEntrySchema = z.object({
  id: uuidSchema,
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  photoFileId: uuidSchema.nullable(),
  /** Assignments in effect today, 本務 first. */
  assignments: z.array(directoryAssignmentSchema),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;
export const directoryQuerySchema = pagingQuerySchema.extend({
  /** Part of the name or of its reading (kana or hiragana). */
  q: z.string().trim().max(50).optional(),
  /** Staff assigned to this department or to one under it today. */
  departmentId: uuidSchema.optional(),
});
export type DirectoryQuery = z.input<typeof directoryQuerySchema>;
export type DirectoryParams = z.output<typeof directoryQuerySchema>;
export const directoryListSchema = z.object({ items: z.array(directoryEntrySchema), ...pageInfo });
export type DirectoryList = z.infer<typeof directoryListSchema>;

export const createStaffRequestSchema = z.strictObject({
  staffNumber: staffNumberSchema,
  familyName: text(30),
  givenName: text(30),
  familyNameKana: kanaSchema,
  givenNameKana: kanaSchema,
  email: z.email().max(200).nullable().default(null),
  role: roleSchema.default('staff'),
  initialPassword: passwordSchema.optional(),
});
export type CreateStaffRequest = z.input<typeof createStaffRequestSchema>;
export const updateStaffRequestSchema = createStaffRequestSchema
  .omit({ initialPassword: true, staffNumber: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict();
export type UpdateStaffRequest = z.input<typeof updateStaffRequestSchema>;

export const setPasswordRequestSchema = z.strictObject({ password: passwordSchema });
export type SetPasswordRequest = z.infer<typeof setPasswordRequestSchema>;

export const createMembershipRequestSchema = z.strictObject({
  departmentId: uuidSchema,
  positionId: uuidSchema,
  isPrimary: z.boolean(),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable().default(null),
});
export type CreateMembershipRequest = z.input<typeof createMembershipRequestSchema>;
export const updateMembershipRequestSchema = z.strictObject({ validTo: isoDateSchema.nullable() });
export type UpdateMembershipRequest = z.infer<typeof updateMembershipRequestSchema>;

/**
 * Staff CSV (as exported from Excel: UTF-8 with or without BOM, Shift_JIS, or 「Unicode テキスト」, i.e.
 * UTF-16 with BOM and tab-separated). Header row required; columns by these Japanese names (English aliases
 * accepted).
 */
export const STAFF_CSV_COLUMNS = [
  { key: 'staffNumber', ja: '職員番号', en: 'staff_number', required: true },
  { key: 'familyName', ja: '氏', en: 'family_name', required: true },
  { key: 'givenName', ja: '名', en: 'given_name', required: true },
  { key: 'familyNameKana', ja: '氏カナ', en: 'family_name_kana', required: true },
  { key: 'givenNameKana', ja: '名カナ', en: 'given_name_kana', required: true },
  { key: 'departmentCode', ja: '所属コード', en: 'department_code', required: true },
  { key: 'positionCode', ja: '職コード', en: 'position_code', required: true },
  { key: 'validFrom', ja: '発令日', en: 'valid_from', required: true },
  { key: 'concurrent', ja: '兼務', en: 'concurrent', required: false },
  { key: 'email', ja: 'メール', en: 'email', required: false },
] as const;

export const CSV_ENCODINGS = ['utf-8', 'shift_jis', 'utf-16le', 'utf-16be'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export const staffImportResultSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  createdStaff: z.number().int(),
  updatedStaff: z.number().int(),
  createdMemberships: z.number().int(),
  encoding: z.enum(CSV_ENCODINGS),
});
export type StaffImportResult = z.infer<typeof staffImportResultSchema>;

/** 代決者: who may act for a person, or for whoever holds a position of a department, between two days. */
export const DEPUTY_SOURCES = ['admin', 'self', 'leave'] as const; // 管理者 / 本人 / 休暇 (attendance)
export const deputySourceSchema = z.enum(DEPUTY_SOURCES);
export type DeputySource = z.infer<typeof deputySourceSchema>;
export const deputySchema = z.object({
  id: uuidSchema,
  /** A person … */
  principalUserId: uuidSchema.nullable(),
  principalName: z.string().nullable(),
  /** … or a position of a department (whoever holds it on the day). */
  principalPositionId: uuidSchema.nullable(),
  principalPositionName: z.string().nullable(),
  principalDepartmentId: uuidSchema.nullable(),
  principalDepartmentName: z.string().nullable(),
  deputyUserId: uuidSchema,
  deputyName: z.string(),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable(),
  reason: z.string(),
  source: deputySourceSchema,
  /** For today: not begun yet, in effect, or over. */
  state: z.enum(['future', 'current', 'past']),
});
export type Deputy = z.infer<typeof deputySchema>;
export const deputyListSchema = z.object({ items: z.array(deputySchema) });
export type DeputyList = z.infer<typeof deputyListSchema>;
/** One's own page: who covers me (items) and for whom I may act (actingFor). */
export const ownDeputiesSchema = z.object({
  items: z.array(deputySchema),
  actingFor: z.array(deputySchema),
});
export type OwnDeputies = z.infer<typeof ownDeputiesSchema>;

export const deputyListQuerySchema = z.strictObject({
  /** Registrations where this person is the principal or the deputy. */
  userId: uuidSchema.optional(),
  /** Also those that are over. */
  includePast: z.enum(['true', 'false']).optional(),
});
export type DeputyListQuery = z.infer<typeof deputyListQuerySchema>;

const deputyPeriod = {
  deputyUserId: uuidSchema,
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable().default(null),
  reason: z.string().trim().max(200).default(''),
};
/** A person registers who covers them (their own deputies). */
export const createOwnDeputyRequestSchema = z.strictObject(deputyPeriod);
export type CreateOwnDeputyRequest = z.input<typeof createOwnDeputyRequestSchema>;
/** An administrator registers deputies for a person or for a position of a department. */
export const createDeputyRequestSchema = z
  .strictObject({
    ...deputyPeriod,
    principalUserId: uuidSchema.optional(),
    principalPositionId: uuidSchema.optional(),
    principalDepartmentId: uuidSchema.optional(),
  })
  .refine(
    (v) =>
      v.principalUserId
        ? !v.principalPositionId && !v.principalDepartmentId
        : !!v.principalPositionId && !!v.principalDepartmentId,
    { message: 'Name a person, or a position with its department.', path: ['principalUserId'] },
  );
export type CreateDeputyRequest = z.input<typeof createDeputyRequestSchema>;
/** Ends a deputy period: `lastDay` is the last day the deputy may act. */
export const endDeputyRequestSchema = z.strictObject({ lastDay: isoDateSchema });
export type EndDeputyRequest = z.infer<typeof endDeputyRequestSchema>;
