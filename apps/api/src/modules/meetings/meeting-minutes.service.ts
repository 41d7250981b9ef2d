import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  MEETING_MATERIAL_TYPES,
  MEETING_MINUTES_MAX_BYTES,
  type MeetingMinutes,
  type SaveMeetingMinutesRequest,
} from '@ringi/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { FilesService } from '../../core/files/files.service';
import type { StreamedUpload } from '../../core/files/streaming-upload';
import { MeetingMinutesEntity } from './entities/meeting-minutes.entity';
import { MeetingEntity } from './entities/meeting.entity';
import { lockVisible } from './meeting-lock';
import { MeetingPolicy } from './meeting.policy';

/** The stored files' purpose: readable by whoever may see the meeting whose minutes the file is. */
export const MEETING_MINUTES_PURPOSE = 'meeting-minutes';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Minutes (議事録) of a meeting: text, a PDF, or both, written by the organiser, administrators or a chair, at
 * any time and in particular after the meeting is closed (what minutes are for). Everyone who may see the meeting
 * reads them. Each change moves the minutes' `version` on; saving the text needs the version the writer saw
 * (409 `meeting/minutes_changed` otherwise). The meeting's own `lockVersion` is left alone: the minutes are not
 * the meeting's arrangements. Every change is an audit event (the text's sha256, the PDF's sha256).
 */
@Injectable()
export class MeetingMinutesService implements OnModuleInit {
  private readonly logger = new Logger('MeetingMinutes');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly policy: MeetingPolicy,
  ) {}

  onModuleInit(): void {
    this.files.registerPolicy(MEETING_MINUTES_PURPOSE, (user, file) => this.mayRead(user, file.id));
  }

  async get(user: AuthUser, meetingId: string): Promise<MeetingMinutes> {
    const meeting = await this.policy.requireVisible(
      user,
      await this.uow.manager.findOneBy(MeetingEntity, { id: meetingId }),
    );
    return this.view(user, meeting);
  }

  async saveText(user: AuthUser, meetingId: string, input: SaveMeetingMinutesRequest): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await this.lockForWriter(tx, user, meetingId);
      const row = await tx.em.findOneBy(MeetingMinutesEntity, { meetingId });
      if ((row?.version ?? 0) !== input.version) throw new AppException('meeting/minutes_changed');
      const saved = await this.write(tx, row, meetingId, user, { text: input.text });
      await this.audit.append(tx, {
        type: 'meeting.minutes_saved',
        actorId: user.id,
        subject: meeting.id,
        data: { version: saved.version, length: input.text.length, sha256: sha256(input.text) },
      });
    });
  }

  /** Attaches a PDF (checked like materials); a PDF attached before is replaced and deleted. */
  async attachFile(user: AuthUser, meetingId: string, upload: StreamedUpload | undefined): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await this.lockForWriter(tx, user, meetingId);
      const file = await this.files.saveStream(
        tx.em,
        upload,
        {
          purpose: MEETING_MINUTES_PURPOSE,
          maxBytes: MEETING_MINUTES_MAX_BYTES,
          allowedTypes: MEETING_MATERIAL_TYPES,
          pdf: { inspect: true },
        },
        user.id,
      );
      const row = await tx.em.findOneBy(MeetingMinutesEntity, { meetingId });
      const previous = row?.storedFileId ?? null;
      const saved = await this.write(tx, row, meetingId, user, { storedFileId: file.id });
      if (previous) this.collect(tx, await this.files.deleteFiles(tx.em, [previous]));
      await this.audit.append(tx, {
        type: 'meeting.minutes_file_attached',
        actorId: user.id,
        subject: meeting.id,
        data: {
          version: saved.version,
          fileId: file.id,
          name: file.name,
          size: file.size,
          sha256: file.sha256,
          replacedFileId: previous,
        },
      });
    });
  }

  async removeFile(user: AuthUser, meetingId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const meeting = await this.lockForWriter(tx, user, meetingId);
      const row = await tx.em.findOneBy(MeetingMinutesEntity, { meetingId });
      if (!row?.storedFileId) throw new AppException('meeting/minutes_file_not_found');
      const fileId = row.storedFileId;
      const saved = await this.write(tx, row, meetingId, user, { storedFileId: null });
      this.collect(tx, await this.files.deleteFiles(tx.em, [fileId]));
      await this.audit.append(tx, {
        type: 'meeting.minutes_file_removed',
        actorId: user.id,
        subject: meeting.id,
        data: { version: saved.version, fileId },
      });
    });
  }

  private async lockForWriter(tx: Tx, user: AuthUser, meetingId: string): Promise<MeetingEntity> {
    const meeting = await lockVisible(tx, this.policy, user, meetingId);
    await this.policy.requireMinutesWriter(user, meeting);
    return meeting;
  }

  private async write(
    tx: Tx,
    row: MeetingMinutesEntity | null,
    meetingId: string,
    user: AuthUser,
    patch: Partial<Pick<MeetingMinutesEntity, 'text' | 'storedFileId'>>,
  ): Promise<MeetingMinutesEntity> {
    const next =
      row ?? tx.em.create(MeetingMinutesEntity, { meetingId, text: '', storedFileId: null, version: 0 });
    Object.assign(next, patch, { version: next.version + 1, updatedBy: user.id, updatedAt: new Date() });
    return tx.em.save(next);
  }

  /** Deletes the bytes nobody refers to any more, once the change is committed. */
  private collect(tx: Tx, sha256s: string[]): void {
    tx.afterCommit(() => {
      this.files
        .collectBlobs(sha256s)
        .catch((err: unknown) => this.logger.warn({ err }, 'could not remove the bytes of replaced minutes'));
    });
  }

  private async view(user: AuthUser, meeting: MeetingEntity): Promise<MeetingMinutes> {
    const [row]: {
      text: string;
      version: number;
      updated_at: Date;
      updated_by_name: string | null;
      file_id: string | null;
      name: string | null;
      size_bytes: string | null;
      page_count: number | null;
    }[] = await this.uow.query(
      `SELECT mm.text, mm.version, mm.updated_at, u.family_name || ' ' || u.given_name AS updated_by_name,
              f.id AS file_id, f.name, f.size_bytes, f.page_count
         FROM meeting_minutes mm
         LEFT JOIN app_user u ON u.id = mm.updated_by
         LEFT JOIN stored_file f ON f.id = mm.stored_file_id
        WHERE mm.meeting_id = $1`,
      [meeting.id],
    );
    return {
      meetingId: meeting.id,
      text: row?.text ?? '',
      file: row?.file_id
        ? { id: row.file_id, name: row.name ?? '', size: Number(row.size_bytes), pageCount: row.page_count }
        : null,
      version: row?.version ?? 0,
      updatedAt: row ? row.updated_at.toISOString() : null,
      updatedByName: row?.updated_by_name ?? null,
      canWrite: await this.policy.canConvene(user, meeting),
    };
  }

  /** The PDF of the minutes of a meeting this user may see. */
  private async mayRead(user: AuthUser, fileId: string): Promise<boolean> {
    const rows: { meeting_id: string }[] = await this.dataSource.query(
      `SELECT meeting_id FROM meeting_minutes WHERE stored_file_id = $1`,
      [fileId],
    );
    for (const { meeting_id } of rows) {
      const meeting = await this.dataSource.getRepository(MeetingEntity).findOneBy({ id: meeting_id });
      if (meeting && (await this.policy.canSee(user, meeting))) return true;
    }
    return false;
  }
}
