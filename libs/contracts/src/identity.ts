import { z } from 'zod';
import { isoDateSchema, localeSchema, uuidSchema } from './common';

export const ROLES = ['staff', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** 職員番号: digits and ASCII letters, as printed on the staff ID card. */
export const staffNumberSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{1,20}$/);

/** Passwords: at least 10 characters (NIST SP 800-63B), at most 128 so hashing stays cheap. */
export const passwordSchema = z.string().min(10).max(128);

export const signInRequestSchema = z.strictObject({
  staffNumber: staffNumberSchema,
  password: z.string().min(1).max(128),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const membershipSummarySchema = z.object({
  id: uuidSchema,
  departmentId: uuidSchema,
  departmentName: z.string(),
  positionId: uuidSchema,
  positionName: z.string(),
  positionRank: z.number().int(),
  isPrimary: z.boolean(),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable(),
});
export type MembershipSummary = z.infer<typeof membershipSummarySchema>;

export const meSchema = z.object({
  id: uuidSchema,
  staffNumber: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  role: roleSchema,
  locale: localeSchema,
  photoFileId: uuidSchema.nullable(),
  /** Assignments in effect today (本務 first, then 兼務). */
  memberships: z.array(membershipSummarySchema),
  sessionExpiresAt: z.iso.datetime({ offset: true }),
  /** The session ends after this many minutes without a request; the web app warns shortly before. */
  sessionIdleMinutes: z.number().int().positive(),
});
export type Me = z.infer<typeof meSchema>;

export const updateMeRequestSchema = z.strictObject({ locale: localeSchema });
export type UpdateMeRequest = z.infer<typeof updateMeRequestSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const sessionSummarySchema = z.object({
  id: uuidSchema,
  userId: uuidSchema,
  userName: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  lastSeenAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
  userAgent: z.string().nullable(),
  ipAddress: z.string().nullable(),
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;
export const sessionListSchema = z.object({ items: z.array(sessionSummarySchema) });
export type SessionList = z.infer<typeof sessionListSchema>;

export const revokedCountSchema = z.object({ revoked: z.number().int() });
export type RevokedCount = z.infer<typeof revokedCountSchema>;

export const adminSessionQuerySchema = z.strictObject({ userId: uuidSchema.optional() });
export type AdminSessionQuery = z.infer<typeof adminSessionQuerySchema>;
