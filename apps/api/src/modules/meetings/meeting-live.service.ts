import { Injectable } from '@nestjs/common';
import { tokyoDate } from '@ringi/domain';
import type { MeetingPointer, MeetingPresentation } from '@ringi/contracts';
import { IsNull } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { MeetingAgendaItemEntity } from './entities/meeting-agenda-item.entity';
import { MeetingMaterialVersionEntity } from './entities/meeting-material-version.entity';
import { MeetingMaterialEntity } from './entities/meeting-material.entity';
import { MeetingPresentationEntity } from './entities/meeting-presentation.entity';
import { MeetingEntity } from './entities/meeting.entity';
import { MeetingPolicy } from './meeting.policy';

/** The Socket.IO room of a meeting's live session. */
export const meetingRoom = (meetingId: string): string => `meeting:${meetingId}`;

/**
 * The live session of a meeting: who may join (whoever may see the meeting), who may present (presenters, the
 * chair, the organiser, administrators, and the presenter of an agenda item) and force everyone to follow (the
 * chair, the organiser, administrators), and what is shown now (one row per meeting, so every API instance
 * answers a latecomer alike).
 */
@Injectable()
export class MeetingLiveService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: MeetingPolicy,
  ) {}

  /** Whether the user may take part in the live session (the meeting's access policy). */
  async canJoin(user: AuthUser, meetingId: string): Promise<boolean> {
    const meeting = await this.uow.manager.findOneBy(MeetingEntity, { id: meetingId });
    return !!meeting && (await this.policy.canSee(user, meeting));
  }

  /** What is shown now, or null (nothing presented yet, or the meeting is not in session). */
  async current(meetingId: string): Promise<MeetingPresentation | null> {
    const rows: {
      meeting_id: string;
      material_id: string;
      version_id: string;
      file_id: string;
      page: number;
      forced: boolean;
      presenter_id: string;
      presenter_name: string;
      updated_at: Date;
    }[] = await this.uow.query(
      `SELECT p.meeting_id, p.material_id, p.version_id, v.stored_file_id AS file_id, p.page, p.forced, p.presenter_id,
              u.family_name || ' ' || u.given_name AS presenter_name, p.updated_at
         FROM meeting_presentation p
         JOIN meeting m ON m.id = p.meeting_id AND m.status = 'in_session'
         JOIN meeting_material_version v ON v.id = p.version_id
         JOIN app_user u ON u.id = p.presenter_id
        WHERE p.meeting_id = $1`,
      [meetingId],
    );
    const r = rows[0];
    return r
      ? {
          meetingId: r.meeting_id,
          materialId: r.material_id,
          versionId: r.version_id,
          fileId: r.file_id,
          page: r.page,
          forced: r.forced,
          presenterId: r.presenter_id,
          presenterName: r.presenter_name,
          at: r.updated_at.toISOString(),
        }
      : null;
  }

  /** Shows a material at a page (its current version) to the session; returns what everyone is to see. */
  async present(
    user: AuthUser,
    input: { meetingId: string; materialId: string; page: number; forced: boolean },
  ): Promise<MeetingPresentation> {
    await this.uow.run(async ({ em }) => {
      const meeting = await em.findOneBy(MeetingEntity, { id: input.meetingId });
      await this.policy.requireVisible(user, meeting);
      const found = meeting as MeetingEntity;
      if (found.status !== 'in_session') throw new AppException('meeting/not_in_session');
      const material = await em.findOneBy(MeetingMaterialEntity, { id: input.materialId });
      const item =
        material &&
        (await em.findOneBy(MeetingAgendaItemEntity, { id: material.agendaItemId, meetingId: found.id }));
      if (!material || !item) throw new AppException('meeting/material_not_found');
      const convener = await this.isConvener(user, found);
      if (!convener && item.presenterId !== user.id && !(await this.hasRole(user, found.id, 'presenter')))
        throw new AppException('meeting/not_a_presenter');
      if (input.forced && !convener) throw new AppException('meeting/not_allowed_to_force');
      const version = await em.findOneBy(MeetingMaterialVersionEntity, {
        materialId: material.id,
        supersededAt: IsNull(),
      });
      if (!version) throw new AppException('meeting/material_not_found');
      await em.upsert(
        MeetingPresentationEntity,
        {
          meetingId: found.id,
          materialId: material.id,
          versionId: version.id,
          page: input.page,
          forced: input.forced,
          presenterId: user.id,
          updatedAt: new Date(),
        },
        ['meetingId'],
      );
    });
    return (await this.current(input.meetingId)) as MeetingPresentation;
  }

  /**
   * Where the presenter points on what they show: only the person presenting now, only in session. Nothing is
   * stored; the pointer is on the presentation's material and page.
   */
  async point(
    user: AuthUser,
    input: { meetingId: string; x: number | null; y: number | null },
  ): Promise<MeetingPointer> {
    const meeting = await this.policy.requireVisible(
      user,
      await this.uow.run(({ em }) => em.findOneBy(MeetingEntity, { id: input.meetingId })),
    );
    const shown = meeting.status === 'in_session' ? await this.current(meeting.id) : null;
    if (!shown) throw new AppException('meeting/not_in_session');
    if (shown.presenterId !== user.id) throw new AppException('meeting/not_a_presenter');
    const hidden = input.x === null || input.y === null;
    return {
      meetingId: meeting.id,
      materialId: shown.materialId,
      page: shown.page,
      x: hidden ? null : input.x,
      y: hidden ? null : input.y,
      presenterId: user.id,
    };
  }

  /** The organiser, administrators and a chair (directly or through their department). */
  private async isConvener(user: AuthUser, meeting: MeetingEntity): Promise<boolean> {
    return this.policy.canEdit(user, meeting) || this.hasRole(user, meeting.id, 'chair');
  }

  private async hasRole(user: AuthUser, meetingId: string, role: 'chair' | 'presenter'): Promise<boolean> {
    const rows: { ok: boolean }[] = await this.uow.query(
      `SELECT EXISTS (
         SELECT 1 FROM meeting_participant p
          WHERE p.meeting_id = $1 AND p.role = $4
            AND (p.user_id = $2
                 OR p.department_id IN (SELECT m.department_id FROM membership m
                                         WHERE m.user_id = $2 AND m.valid_from <= $3
                                           AND (m.valid_to IS NULL OR m.valid_to >= $3)))) AS ok`,
      [meetingId, user.id, tokyoDate(), role],
    );
    return rows[0]?.ok ?? false;
  }
}
