import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { MEETING_MATERIAL_MAX_BYTES, MEETING_MATERIAL_TYPES } from '@ringi/contracts';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { FilesService, type UploadRules } from '../../core/files/files.service';
import type { StreamedUpload } from '../../core/files/streaming-upload';
import { MeetingAgendaItemEntity } from './entities/meeting-agenda-item.entity';
import { MeetingMaterialVersionEntity } from './entities/meeting-material-version.entity';
import { MeetingMaterialEntity } from './entities/meeting-material.entity';
import { MeetingEntity } from './entities/meeting.entity';
import { lockVisible, requireOpen } from './meeting-lock';
import { MeetingNotesService } from './meeting-notes.service';
import { MeetingChanges } from './meeting-changes';
import { MeetingPolicy } from './meeting.policy';
import { MEETING_MATERIAL_REPLACED, type MeetingMaterialReplacedEvent } from './meetings.events';

/** The stored files' purpose: readable by whoever may see a meeting the file is a material (version) of. */
export const MEETING_MATERIAL_PURPOSE = 'meeting-material';

const MATERIAL_RULES: UploadRules = {
  purpose: MEETING_MATERIAL_PURPOSE,
  maxBytes: MEETING_MATERIAL_MAX_BYTES,
  allowedTypes: MEETING_MATERIAL_TYPES,
  pdf: { inspect: true },
};

/**
 * Materials (資料) of agenda items: PDFs only, each with its versions. Replacing a material adds a version and
 * marks the current one superseded (it stays readable); removing one is possible only before distribution.
 * The organiser, administrators and the item's presenter add and replace; the organiser and administrators
 * remove.
 *
 * Uploads stream to a temporary file (never held in memory, at most MEETING_MATERIAL_MAX_BYTES) and each PDF is
 * opened by pdf.js in a separate process with a time and memory limit before it is stored (`store`).
 */
@Injectable()
export class MeetingMaterialsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly policy: MeetingPolicy,
    private readonly changes: MeetingChanges,
    private readonly events: EventEmitter2,
    private readonly notes: MeetingNotesService,
  ) {}

  onModuleInit(): void {
    this.files.registerPolicy(MEETING_MATERIAL_PURPOSE, (user, file) => this.mayRead(user, file.id));
  }

  async add(
    user: AuthUser,
    meetingId: string,
    itemId: string,
    upload: StreamedUpload | undefined,
    title: string | undefined,
  ): Promise<void> {
    const mayAdd = async (tx: Tx, meeting: MeetingEntity) => {
      const item = await tx.em.findOneBy(MeetingAgendaItemEntity, { id: itemId, meetingId });
      if (!item) throw new AppException('meeting/agenda_item_not_found');
      this.policy.requireUploader(user, meeting, item);
      requireOpen(meeting);
    };
    // Asked before the slow PDF check (nothing locked meanwhile), and again under the lock.
    await this.uow.run(async (tx) => mayAdd(tx, await this.visible(tx, user, meetingId)));
    const prepared = await this.prepare(upload);
    await this.uow.run(async (tx) => {
      const meeting = await lockVisible(tx, this.policy, user, meetingId);
      await mayAdd(tx, meeting);
      const file = await this.files.insertPrepared(tx.em, prepared, MATERIAL_RULES, user.id);
      const position = await tx.em.countBy(MeetingMaterialEntity, { agendaItemId: itemId });
      const material = await tx.em.save(
        tx.em.create(MeetingMaterialEntity, {
          agendaItemId: itemId,
          title: title ?? file.name.replace(/\.pdf$/i, '').slice(0, 200),
          position,
        }),
      );
      const version = await tx.em.save(
        tx.em.create(MeetingMaterialVersionEntity, {
          materialId: material.id,
          version: 1,
          storedFileId: file.id,
          pageCount: file.pageCount,
          uploadedBy: user.id,
          supersededAt: null,
        }),
      );
      await this.changes.touch(tx, meeting);
      await this.audit.append(tx, {
        type: 'meeting.material_added',
        actorId: user.id,
        subject: meetingId,
        data: {
          itemId,
          materialId: material.id,
          versionId: version.id,
          fileId: file.id,
          name: file.name,
          size: file.size,
          sha256: file.sha256,
        },
      });
    });
  }

  /** A new version of the material; the current one is kept, marked superseded. */
  async replace(
    user: AuthUser,
    meetingId: string,
    materialId: string,
    upload: StreamedUpload | undefined,
  ): Promise<void> {
    const mayReplace = async (tx: Tx, meeting: MeetingEntity) => {
      const found = await this.material(tx, meetingId, materialId);
      this.policy.requireUploader(user, meeting, found.item);
      requireOpen(meeting);
      return found;
    };
    // Asked before the slow PDF check (nothing locked meanwhile), and again under the lock.
    await this.uow.run(async (tx) => mayReplace(tx, await this.visible(tx, user, meetingId)));
    const prepared = await this.prepare(upload);
    await this.uow.run(async (tx) => {
      const meeting = await lockVisible(tx, this.policy, user, meetingId);
      const { material, item } = await mayReplace(tx, meeting);
      const file = await this.files.insertPrepared(tx.em, prepared, MATERIAL_RULES, user.id);
      const current = await tx.em.findOne(MeetingMaterialVersionEntity, {
        where: { materialId, supersededAt: IsNull() },
        order: { version: 'DESC' },
      });
      const now = new Date();
      if (current)
        await tx.em.update(MeetingMaterialVersionEntity, { id: current.id }, { supersededAt: now });
      const [last]: { v: number }[] = await tx.em.query(
        `SELECT coalesce(max(version), 0)::int AS v FROM meeting_material_version WHERE material_id = $1`,
        [materialId],
      );
      const version = await tx.em.save(
        tx.em.create(MeetingMaterialVersionEntity, {
          materialId,
          version: (last?.v ?? 0) + 1,
          storedFileId: file.id,
          pageCount: file.pageCount,
          uploadedBy: user.id,
          supersededAt: null,
        }),
      );
      // Everyone's private notes follow their words to the matching pages of the corrected version.
      if (current) await this.notes.moveToVersion(tx, current, version);
      await this.changes.touch(tx, meeting);
      await this.audit.append(tx, {
        type: 'meeting.material_replaced',
        actorId: user.id,
        subject: meetingId,
        data: {
          materialId,
          versionId: version.id,
          version: version.version,
          supersededVersionId: current?.id ?? null,
          fileId: file.id,
          name: file.name,
          size: file.size,
          sha256: file.sha256,
        },
      });
      const userIds =
        meeting.status === 'draft'
          ? []
          : (await this.policy.participantUserIds(meetingId)).filter((u) => u !== user.id);
      const event: MeetingMaterialReplacedEvent = {
        meetingId,
        title: meeting.title,
        agendaItemId: item.id,
        materialId,
        materialTitle: material.title,
        version: version.version,
        userIds,
      };
      tx.afterCommit(() => this.events.emit(MEETING_MATERIAL_REPLACED, event));
    });
  }

  /** Only before distribution, by the organiser or an administrator; its versions go with it. */
  async remove(user: AuthUser, meetingId: string, materialId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await lockVisible(tx, this.policy, user, meetingId);
      const { material, item } = await this.material(tx, meetingId, materialId);
      this.policy.requireEditor(user, meeting);
      if (meeting.status !== 'draft') throw new AppException('meeting/material_not_removable');
      await tx.em.delete(MeetingMaterialEntity, { id: material.id });
      await tx.em.query(
        `UPDATE meeting_material SET position = position - 1 WHERE agenda_item_id = $1 AND position > $2`,
        [item.id, material.position],
      );
      await this.changes.touch(tx, meeting);
      await this.audit.append(tx, {
        type: 'meeting.material_removed',
        actorId: user.id,
        subject: meetingId,
        data: { itemId: item.id, materialId, title: material.title },
      });
    });
  }

  /**
   * Checks the streamed upload (pdf.js opens it in a separate process: unreadable and password-protected PDFs
   * are refused) and moves it into the store, outside any transaction, so a 50 MB PDF's check locks nothing;
   * its page count and page texts come with it for the row.
   */
  private async prepare(upload: StreamedUpload | undefined) {
    const prepared = await this.files.prepareStream(upload, MATERIAL_RULES);
    if (prepared.kind !== 'stored') throw new AppException('files/type_not_allowed');
    return prepared;
  }

  private async visible(tx: Tx, user: AuthUser, meetingId: string): Promise<MeetingEntity> {
    return this.policy.requireVisible(user, await tx.em.findOneBy(MeetingEntity, { id: meetingId }));
  }

  private async material(tx: Tx, meetingId: string, materialId: string) {
    const material = await tx.em.findOneBy(MeetingMaterialEntity, { id: materialId });
    const item =
      material && (await tx.em.findOneBy(MeetingAgendaItemEntity, { id: material.agendaItemId, meetingId }));
    if (!material || !item) throw new AppException('meeting/material_not_found');
    return { material, item };
  }

  /** A version (current or superseded) of a material of any meeting this user may see. */
  private async mayRead(user: AuthUser, fileId: string): Promise<boolean> {
    const rows: { meeting_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT a.meeting_id
         FROM meeting_material_version v
         JOIN meeting_material mt ON mt.id = v.material_id
         JOIN meeting_agenda_item a ON a.id = mt.agenda_item_id
        WHERE v.stored_file_id = $1`,
      [fileId],
    );
    for (const { meeting_id } of rows) {
      const meeting = await this.dataSource.getRepository(MeetingEntity).findOneBy({ id: meeting_id });
      if (meeting && (await this.policy.canSee(user, meeting))) return true;
    }
    return false;
  }
}
