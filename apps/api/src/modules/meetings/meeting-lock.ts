import type { AuthUser } from '../../core/auth/auth.types';
import type { Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { MeetingEntity } from './entities/meeting.entity';
import type { MeetingPolicy } from './meeting.policy';

/** The meeting locked for a change (row lock), after the policy said the user may see it (else 404). */
export async function lockVisible(
  tx: Tx,
  policy: MeetingPolicy,
  user: AuthUser,
  id: string,
): Promise<MeetingEntity> {
  const meeting = await tx.em
    .createQueryBuilder(MeetingEntity, 'm')
    .setLock('pessimistic_write')
    .where('m.id = :id', { id })
    .getOne();
  return policy.requireVisible(user, meeting);
}

/** Locked for its editor (organiser or admin, else 403) while it is not closed (else 409). */
export async function lockForEditor(
  tx: Tx,
  policy: MeetingPolicy,
  user: AuthUser,
  id: string,
): Promise<MeetingEntity> {
  const meeting = await lockVisible(tx, policy, user, id);
  policy.requireEditor(user, meeting);
  requireOpen(meeting);
  return meeting;
}

export function requireOpen(meeting: MeetingEntity): void {
  if (meeting.status === 'closed') throw new AppException('meeting/not_editable');
}
