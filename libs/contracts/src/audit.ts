import { z } from 'zod';
import { uuidSchema } from './common';

export const AUDIT_TYPES = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.sign_out',
  'auth.password_changed',
  'auth.session_revoked',
  'access.denied',
  'org.department_created',
  'org.department_updated',
  'org.position_created',
  'org.position_updated',
  'org.staff_created',
  'org.staff_updated',
  'org.staff_password_set',
  'org.membership_created',
  'org.membership_updated',
  'org.membership_deleted',
  'org.staff_imported',
  'org.department_reorganised',
  'org.department_abolished',
  'org.deputy_registered',
  'org.deputy_ended',
  'org.deputy_cancelled',
  'system.seeded',
  // Electronic approval (issue 6)
  'approval.template_created',
  'approval.template_updated',
  'approval.authority_table_replaced',
  'approval.draft_created',
  'approval.draft_updated',
  'approval.action',
  'approval.attachment_added',
  'approval.attachment_removed',
  'approval.exported',
  'approval.rerouted',
  'approval.reminded',
  // Meetings (issue 7)
  'meeting.created',
  'meeting.updated',
  'meeting.participant_added',
  'meeting.participant_removed',
  'meeting.agenda_item_added',
  'meeting.agenda_item_updated',
  'meeting.agenda_item_removed',
  'meeting.agenda_reordered',
  'meeting.material_added',
  'meeting.material_replaced',
  'meeting.material_removed',
  'meeting.distributed',
  'meeting.started',
  'meeting.closed',
  'meeting.minutes_saved',
  'meeting.minutes_file_attached',
  'meeting.minutes_file_removed',
  'meeting.disposed',
  // disaster (issue 8)
  'disaster.roll_call_started',
  'disaster.roll_call_closed',
  // attendance (issue 9)
  'attendance.clerk_added',
  'attendance.clerk_removed',
  'attendance.month_closed',
  'attendance.month_reopened',
  'attendance.timesheet_exported',
  // records: receipts, paper decisions, secrecy (issue 10)
  'records.receipt_registered',
  'records.receipt_updated',
  'records.receipt_file_added',
  'records.receipt_started',
  'records.receipt_replied',
  'records.paper_decision_registered',
  'records.secrecy_changed',
  'records.secrecy_ended',
  'records.document_filed',
  // records: file plan, binders, end of retention (issue 10)
  'records.file_plan_created',
  'records.file_plan_updated',
  'records.binders_created',
  'records.retention_extended',
  'records.transfer_started',
  'records.transferred',
  'records.disposal_listed',
  'records.disposal_released',
  'records.disposed',
] as const;
export const auditTypeSchema = z.enum(AUDIT_TYPES);
export type AuditType = z.infer<typeof auditTypeSchema>;

export const auditEventSchema = z.object({
  id: z.number().int(),
  occurredAt: z.iso.datetime({ offset: true }),
  type: auditTypeSchema,
  actorId: uuidSchema.nullable(),
  actorName: z.string().nullable(),
  subject: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  ipAddress: z.string().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.strictObject({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  type: auditTypeSchema.optional(),
});
export type AuditQuery = Partial<z.output<typeof auditQuerySchema>>;
export const auditListSchema = z.object({
  items: z.array(auditEventSchema),
  nextBefore: z.number().int().nullable(),
});
export type AuditList = z.infer<typeof auditListSchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The first event whose hash does not match, if any. */
  brokenAt: z.number().int().nullable(),
});
export type AuditVerify = z.infer<typeof auditVerifySchema>;
