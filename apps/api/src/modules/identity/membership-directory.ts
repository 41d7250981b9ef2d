import type { MembershipSummary } from '@ringi/contracts';

/**
 * What identity needs from the org chart: a person's assignments in effect on a day. Implemented and
 * provided by the org module (dependency inversion keeps identity free of org's tables).
 */
export abstract class MembershipDirectory {
  abstract inEffect(userId: string, at: string): Promise<MembershipSummary[]>;
}
