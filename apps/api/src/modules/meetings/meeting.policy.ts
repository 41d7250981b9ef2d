import { Injectable } from '@nestjs/common';
import { tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import type { MeetingAgendaItemEntity } from './entities/meeting-agenda-item.entity';
import type { MeetingEntity } from './entities/meeting.entity';

/** Today's memberships of a person (本務 and 兼務), as SQL on `membership` aliased `m` for the user `$user`. */
const MEMBER_TODAY = (m: string, user: string, day: string) =>
  `${m}.user_id = ${user} AND ${m}.valid_from <= ${day} AND (${m}.valid_to IS NULL OR ${m}.valid_to >= ${day})`;

/**
 * The one place that decides who may see a meeting (list it, fetch it, its materials and every byte of their
 * files) and who may change it:
 * - see: administrators; the organiser; its participants, directly or through a department they belong to today
 *   (本務 or 兼務, the department itself, not those below it); the presenter (説明者) of one of its agenda items;
 * - edit (the meeting, participants, agenda, materials, distribute): the organiser and administrators;
 * - add and replace the materials of an agenda item: also that item's presenter;
 * - start and close: also a chair (議長) among the participants.
 * - write the minutes (議事録): the organiser, administrators and a chair, also once it is closed;
 * - dispose of it (廃棄) by hand: administrators, once its `dispose_after` day has passed.
 * Everyone else is told the meeting does not exist (404), whatever they ask; so is everyone once it is disposed of.
 */
@Injectable()
export class MeetingPolicy {
  constructor(private readonly uow: UnitOfWork) {}

  async canSee(user: AuthUser, meeting: MeetingEntity): Promise<boolean> {
    if (meeting.disposedAt) return false; // disposed of (廃棄): nobody, administrators included
    if (user.role === 'admin' || meeting.organiserId === user.id) return true;
    const params: unknown[] = [meeting.id];
    const rows: { ok: boolean }[] = await this.uow.query(
      `SELECT EXISTS (SELECT 1 FROM meeting x WHERE x.id = $1 AND ${this.participantSql(user, 'x', params)}) AS ok`,
      params,
    );
    return rows[0]?.ok === true;
  }

  /**
   * The rule of `canSee` as a condition on the `meeting` row aliased `alias` (for lists): appends its values to
   * `params` and returns the SQL fragment.
   */
  visibleSql(user: AuthUser, alias: string, params: unknown[]): string {
    if (user.role === 'admin') return `${alias}.disposed_at IS NULL`;
    return `${alias}.disposed_at IS NULL AND (${alias}.organiser_id = $${params.push(user.id)} OR ${this.participantSql(user, alias, params)})`;
  }

  private participantSql(user: AuthUser, alias: string, params: unknown[]): string {
    const u = `$${params.push(user.id)}::uuid`;
    const day = `$${params.push(tokyoDate())}::date`;
    return `(EXISTS (SELECT 1 FROM meeting_participant p
                      WHERE p.meeting_id = ${alias}.id
                        AND (p.user_id = ${u}
                             OR p.department_id IN (SELECT m.department_id FROM membership m
                                                     WHERE ${MEMBER_TODAY('m', u, day)})))
             OR EXISTS (SELECT 1 FROM meeting_agenda_item a
                         WHERE a.meeting_id = ${alias}.id AND a.presenter_id = ${u}))`;
  }

  /** Throws `meeting/not_found` unless the user may see the meeting. */
  async requireVisible(user: AuthUser, meeting: MeetingEntity | null): Promise<MeetingEntity> {
    if (!meeting || !(await this.canSee(user, meeting))) throw new AppException('meeting/not_found');
    return meeting;
  }

  canEdit(user: AuthUser, meeting: MeetingEntity): boolean {
    return user.role === 'admin' || meeting.organiserId === user.id;
  }

  /** Only the organiser and administrators change a meeting. */
  requireEditor(user: AuthUser, meeting: MeetingEntity): void {
    if (!this.canEdit(user, meeting)) throw new AppException('meeting/not_organiser');
  }

  /** The organiser, administrators and the item's presenter add and replace its materials. */
  requireUploader(user: AuthUser, meeting: MeetingEntity, item: MeetingAgendaItemEntity): void {
    if (this.canEdit(user, meeting) || item.presenterId === user.id) return;
    throw new AppException('meeting/not_allowed_to_upload');
  }

  /** Starting and closing: the organiser, administrators and a chair. */
  async requireConvener(user: AuthUser, meeting: MeetingEntity): Promise<void> {
    if (!(await this.canConvene(user, meeting))) throw new AppException('meeting/not_organiser');
  }

  /** The organiser, administrators and a chair (directly or through a department today). */
  async canConvene(user: AuthUser, meeting: MeetingEntity): Promise<boolean> {
    if (this.canEdit(user, meeting)) return true;
    const rows: { ok: boolean }[] = await this.uow.query(
      `SELECT EXISTS (
         SELECT 1 FROM meeting_participant p
          WHERE p.meeting_id = $1 AND p.role = 'chair'
            AND (p.user_id = $2
                 OR p.department_id IN (SELECT m.department_id FROM membership m
                                         WHERE ${MEMBER_TODAY('m', '$2', '$3')}))) AS ok`,
      [meeting.id, user.id, tokyoDate()],
    );
    return rows[0]?.ok === true;
  }

  /** The minutes: the organiser, administrators and a chair (as for starting and closing). */
  async requireMinutesWriter(user: AuthUser, meeting: MeetingEntity): Promise<void> {
    if (!(await this.canConvene(user, meeting)))
      throw new AppException('meeting/not_allowed_to_write_minutes');
  }

  /** Disposing of a meeting by hand is an administrator's act. */
  requireDisposer(user: AuthUser): void {
    if (user.role !== 'admin') throw new AppException('meeting/not_allowed_to_dispose');
  }

  /** The active people a participant row stands for on the day: the person, or the department's members. */
  async memberIds(
    participant: { userId: string | null; departmentId: string | null },
    on = tokyoDate(),
  ): Promise<string[]> {
    const rows: { id: string }[] = participant.userId
      ? await this.uow.query(`SELECT id FROM app_user WHERE id = $1 AND active`, [participant.userId])
      : await this.uow.query(
          `SELECT DISTINCT m.user_id AS id FROM membership m JOIN app_user u ON u.id = m.user_id AND u.active
            WHERE m.department_id = $1 AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)`,
          [participant.departmentId, on],
        );
    return rows.map((r) => r.id);
  }

  /**
   * Everyone who takes part on the day: the people named and the active members of the departments named
   * (本務 and 兼務), without duplicates.
   */
  async participantUserIds(meetingId: string, on = tokyoDate()): Promise<string[]> {
    const rows: { id: string }[] = await this.uow.query(
      `SELECT p.user_id AS id FROM meeting_participant p
         JOIN app_user u ON u.id = p.user_id AND u.active
        WHERE p.meeting_id = $1
       UNION
       SELECT m.user_id FROM meeting_participant p
         JOIN membership m ON m.department_id = p.department_id
                          AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)
         JOIN app_user u ON u.id = m.user_id AND u.active
        WHERE p.meeting_id = $1`,
      [meetingId, on],
    );
    return rows.map((r) => r.id);
  }
}
