/**
 * The plain constants of disaster mode, in a file of their own: the roll-call banner is part of the app shell's
 * first load, which must not pull in zod through the schemas of disaster.ts (see vite.config.mts).
 */

/** 無事 (safe), 要支援 (needs help), 参集可能 (can come to the office). */
export const DISASTER_STATUSES = ['safe', 'need_help', 'can_report'] as const;
export type DisasterStatus = (typeof DISASTER_STATUSES)[number];

export const DISASTER_TITLE_MAX = 100;
export const DISASTER_MESSAGE_MAX = 1000;
export const DISASTER_NOTE_MAX = 200;
