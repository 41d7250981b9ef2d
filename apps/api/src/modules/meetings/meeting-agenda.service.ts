import { Injectable } from '@nestjs/common';
import type {
  CreateAgendaItemRequest,
  ReorderAgendaRequest,
  UpdateAgendaItemRequest,
} from '@ringi/contracts';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { MeetingAgendaItemEntity } from './entities/meeting-agenda-item.entity';
import { MeetingMaterialEntity } from './entities/meeting-material.entity';
import { lockForEditor } from './meeting-lock';
import { MeetingChanges } from './meeting-changes';
import { MeetingPolicy } from './meeting.policy';

/**
 * The agenda (議題) of a meeting: items in order (positions 0, 1, 2 … without gaps). Reordering takes the whole
 * list in its new order, so a client that missed a change (an item added or removed meanwhile) gets 409 instead
 * of an order nobody chose. The organiser and administrators change it while the meeting is not closed.
 */
@Injectable()
export class MeetingAgendaService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly policy: MeetingPolicy,
    private readonly changes: MeetingChanges,
  ) {}

  async add(user: AuthUser, meetingId: string, input: Required<CreateAgendaItemRequest>): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await lockForEditor(tx, this.policy, user, meetingId);
      await this.requirePresenter(tx, input.presenterId);
      const count = await tx.em.countBy(MeetingAgendaItemEntity, { meetingId });
      const row = await tx.em.save(
        tx.em.create(MeetingAgendaItemEntity, {
          meetingId,
          position: count,
          title: input.title,
          presenterId: input.presenterId,
          durationMinutes: input.durationMinutes,
        }),
      );
      await this.changes.touch(tx, meeting);
      await this.audit.append(tx, {
        type: 'meeting.agenda_item_added',
        actorId: user.id,
        subject: meetingId,
        data: { itemId: row.id, title: row.title, presenterId: row.presenterId, position: row.position },
      });
    });
  }

  async update(
    user: AuthUser,
    meetingId: string,
    itemId: string,
    patch: UpdateAgendaItemRequest,
  ): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await lockForEditor(tx, this.policy, user, meetingId);
      const item = await this.item(tx, meetingId, itemId);
      if (patch.presenterId !== undefined) await this.requirePresenter(tx, patch.presenterId);
      Object.assign(item, patch);
      await tx.em.save(item);
      await this.changes.touch(tx, meeting);
      await this.audit.append(tx, {
        type: 'meeting.agenda_item_updated',
        actorId: user.id,
        subject: meetingId,
        data: { itemId, fields: Object.keys(patch) },
      });
    });
  }

  /** Removes an item (with its materials while the meeting is a draft; after distribution only an empty one). */
  async remove(user: AuthUser, meetingId: string, itemId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await lockForEditor(tx, this.policy, user, meetingId);
      const item = await this.item(tx, meetingId, itemId);
      if (
        meeting.status !== 'draft' &&
        (await tx.em.countBy(MeetingMaterialEntity, { agendaItemId: itemId }))
      )
        throw new AppException('meeting/material_not_removable');
      await tx.em.delete(MeetingAgendaItemEntity, { id: item.id });
      // Close the gap: the items after it move up by one.
      await tx.em.query(
        `UPDATE meeting_agenda_item SET position = position - 1 WHERE meeting_id = $1 AND position > $2`,
        [meetingId, item.position],
      );
      await this.changes.touch(tx, meeting);
      await this.audit.append(tx, {
        type: 'meeting.agenda_item_removed',
        actorId: user.id,
        subject: meetingId,
        data: { itemId, title: item.title },
      });
    });
  }

  /** The whole agenda in its new order; a list that is not exactly today's items gets `meeting/agenda_order_stale`. */
  async reorder(user: AuthUser, meetingId: string, input: ReorderAgendaRequest): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await lockForEditor(tx, this.policy, user, meetingId);
      const items = await tx.em.find(MeetingAgendaItemEntity, {
        where: { meetingId },
        order: { position: 'ASC' },
      });
      const wanted = input.itemIds;
      const current = new Set(items.map((i) => i.id));
      if (
        wanted.length !== items.length ||
        new Set(wanted).size !== wanted.length ||
        !wanted.every((id) => current.has(id))
      )
        throw new AppException('meeting/agenda_order_stale');
      await tx.em.query(
        `UPDATE meeting_agenda_item a SET position = o.ord - 1
           FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, ord)
          WHERE a.id = o.id AND a.meeting_id = $1`,
        [meetingId, wanted],
      );
      await this.changes.touch(tx, meeting);
      await this.audit.append(tx, {
        type: 'meeting.agenda_reordered',
        actorId: user.id,
        subject: meetingId,
        data: { from: items.map((i) => i.id), to: wanted },
      });
    });
  }

  private async item(tx: Tx, meetingId: string, itemId: string): Promise<MeetingAgendaItemEntity> {
    const item = await tx.em.findOneBy(MeetingAgendaItemEntity, { id: itemId, meetingId });
    if (!item) throw new AppException('meeting/agenda_item_not_found');
    return item;
  }

  private async requirePresenter(tx: Tx, presenterId: string | null): Promise<void> {
    if (presenterId === null) return;
    const [found]: { ok: boolean }[] = await tx.em.query(
      `SELECT EXISTS (SELECT 1 FROM app_user WHERE id = $1 AND active) AS ok`,
      [presenterId],
    );
    if (!found?.ok) throw new AppException('meeting/unknown_participant');
  }
}
