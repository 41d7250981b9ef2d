import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { MeetingDisposal } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { FilesService } from '../../core/files/files.service';
import { JobsService } from '../../core/jobs/jobs.service';
import { MeetingEntity } from './entities/meeting.entity';
import { lockVisible } from './meeting-lock';
import { MeetingPolicy } from './meeting.policy';
import { MEETING_DISPOSED, type MeetingDisposedEvent } from './meetings.events';

/** The queue whose (scheduled) job looks for meetings past their `dispose_after` day and queues each. */
export const MEETING_DISPOSALS_QUEUE = 'meeting.disposals';
/** The queue of single disposals (sent `once` per meeting). */
export const MEETING_DISPOSE_QUEUE = 'meeting.dispose';
/** Every night at 01:20 Tokyo time. */
export const MEETING_DISPOSAL_CRON = '20 1 * * *';

/** Whether the meeting's retention period is over on `today` (a Japan date): the day after `dispose_after`. */
export function disposalDue(
  meeting: Pick<MeetingEntity, 'disposeAfter' | 'disposedAt'>,
  today: string,
): boolean {
  return !meeting.disposedAt && meeting.disposeAfter !== null && meeting.disposeAfter < today;
}

/**
 * Disposal (廃棄) of a meeting once its retention period is over (the day after `dispose_after`): every night a
 * job on the job queue (pg-boss, once per meeting across instances), or an administrator by hand.
 *
 * In one transaction: the private notes (`meeting_note`, when that table exists), the presentation state, the
 * minutes, the agenda with its materials and their versions, the participants, and the stored files of the
 * materials and the minutes (with their page texts) are deleted; the meeting row stays as a tombstone with
 * `disposed_at`, which the meeting policy answers with 404 for everyone; the disposal is an audit event (hash
 * chain) naming what was disposed of. After commit the bytes no other file refers to are deleted, and
 * `meeting.disposed` is raised (offline copies are purged by clients on their next 404).
 */
@Injectable()
export class MeetingDisposalService implements OnModuleInit {
  private readonly logger = new Logger('MeetingDisposal');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly jobs: JobsService,
    private readonly policy: MeetingPolicy,
    private readonly events: EventEmitter2,
  ) {}

  async onModuleInit(): Promise<void> {
    this.jobs.register<{ on?: string }>(MEETING_DISPOSALS_QUEUE, async ({ data }) => {
      await this.queueDue(data.on ?? tokyoDate());
    });
    this.jobs.register<{ meetingId: string }>(MEETING_DISPOSE_QUEUE, async ({ data }) => {
      await this.disposeIfDue(data.meetingId);
    });
    await this.jobs.schedule(MEETING_DISPOSALS_QUEUE, MEETING_DISPOSAL_CRON);
  }

  /** Queues the disposal of every meeting whose retention period is over on `today`, each once. */
  async queueDue(today: string = tokyoDate()): Promise<{ meetingId: string; jobId: string | null }[]> {
    const rows: { id: string }[] = await this.uow.query(
      `SELECT id FROM meeting WHERE disposed_at IS NULL AND dispose_after < $1::date ORDER BY dispose_after, id`,
      [today],
    );
    const queued: { meetingId: string; jobId: string | null }[] = [];
    for (const { id } of rows)
      queued.push({
        meetingId: id,
        jobId: await this.jobs.send(
          MEETING_DISPOSE_QUEUE,
          { meetingId: id },
          { once: `meeting:${id}:dispose` },
        ),
      });
    return queued;
  }

  /** The job's work: disposes of the meeting if it is still due (idempotent); answers whether it did. */
  async disposeIfDue(meetingId: string, today: string = tokyoDate()): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const meeting = await tx.em
        .createQueryBuilder(MeetingEntity, 'm')
        .setLock('pessimistic_write')
        .where('m.id = :id', { id: meetingId })
        .getOne();
      if (!meeting || !disposalDue(meeting, today)) return false;
      await this.dispose(tx, meeting, null);
      return true;
    });
  }

  /** An administrator disposes of a meeting by hand, once its retention period is over. */
  async disposeByHand(user: AuthUser, meetingId: string): Promise<MeetingDisposal> {
    return this.uow.run(async (tx) => {
      const meeting = await lockVisible(tx, this.policy, user, meetingId);
      this.policy.requireDisposer(user);
      if (!disposalDue(meeting, tokyoDate())) throw new AppException('meeting/not_disposable_yet');
      const disposedAt = await this.dispose(tx, meeting, user.id);
      return { meetingId, disposedAt: disposedAt.toISOString() };
    });
  }

  private async dispose(tx: Tx, meeting: MeetingEntity, actorId: string | null): Promise<Date> {
    const id = meeting.id;
    const userIds = await this.policy.participantUserIds(id);
    const [materials]: { materials: number; versions: number }[] = await tx.em.query(
      `SELECT count(DISTINCT mt.id)::int AS materials, count(v.id)::int AS versions
         FROM meeting_agenda_item a
         JOIN meeting_material mt ON mt.agenda_item_id = a.id
         LEFT JOIN meeting_material_version v ON v.material_id = mt.id
        WHERE a.meeting_id = $1`,
      [id],
    );
    const files: { id: string }[] = await tx.em.query(
      `SELECT v.stored_file_id AS id
         FROM meeting_agenda_item a
         JOIN meeting_material mt ON mt.agenda_item_id = a.id
         JOIN meeting_material_version v ON v.material_id = mt.id
        WHERE a.meeting_id = $1
       UNION
       SELECT stored_file_id FROM meeting_minutes WHERE meeting_id = $1 AND stored_file_id IS NOT NULL`,
      [id],
    );
    const notes = await this.deleteNotes(tx, id);
    await tx.em.query(`DELETE FROM meeting_presentation WHERE meeting_id = $1`, [id]);
    const minutes: unknown[] = await tx.em.query(
      `WITH gone AS (DELETE FROM meeting_minutes WHERE meeting_id = $1 RETURNING meeting_id) SELECT * FROM gone`,
      [id],
    );
    // Materials and their versions go with the agenda items (ON DELETE CASCADE).
    await tx.em.query(`DELETE FROM meeting_agenda_item WHERE meeting_id = $1`, [id]);
    await tx.em.query(`DELETE FROM meeting_participant WHERE meeting_id = $1`, [id]);
    // The files no other meeting's version or minutes refer to (each upload is a file of its own).
    const [unused]: { ids: string[] }[] = await tx.em.query(
      `SELECT coalesce(array_agg(f.id), '{}') AS ids FROM unnest($1::uuid[]) AS f(id)
        WHERE NOT EXISTS (SELECT 1 FROM meeting_material_version v WHERE v.stored_file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM meeting_minutes mm WHERE mm.stored_file_id = f.id)`,
      [files.map((f) => f.id)],
    );
    const blobs = await this.files.deleteFiles(tx.em, unused?.ids ?? []);
    const disposedAt = new Date();
    await tx.em.update(
      MeetingEntity,
      { id },
      { disposedAt, lockVersion: meeting.lockVersion + 1, updatedAt: disposedAt },
    );
    await this.audit.append(tx, {
      type: 'meeting.disposed',
      actorId,
      subject: id,
      data: {
        by: actorId ? 'administrator' : 'schedule',
        title: meeting.title,
        kind: meeting.kind,
        startsAt: meeting.startsAt.toISOString(),
        disposeAfter: meeting.disposeAfter,
        materials: materials?.materials ?? 0,
        versions: materials?.versions ?? 0,
        files: unused?.ids.length ?? 0,
        minutes: minutes.length > 0,
        notes,
      },
    });
    const event: MeetingDisposedEvent = { meetingId: id, userIds };
    tx.afterCommit(() => {
      this.events.emit(MEETING_DISPOSED, event);
      this.files
        .collectBlobs(blobs)
        .catch((err: unknown) => this.logger.warn({ err, meetingId: id }, 'could not remove disposed bytes'));
    });
    this.logger.log({ meetingId: id, by: actorId ? 'administrator' : 'schedule' }, 'meeting disposed of');
    return disposedAt;
  }

  /**
   * Every private note on the meeting (table `meeting_note`, when it exists): deleted explicitly, not only through
   * the cascade from the material versions, so notes on no version go too. Answers how many.
   */
  private async deleteNotes(tx: Tx, meetingId: string): Promise<number> {
    const [table]: { ok: boolean }[] = await tx.em.query(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = 'meeting_note'
                         AND column_name = 'meeting_id') AS ok`,
    );
    if (!table?.ok) return 0;
    const [row]: { n: number }[] = await tx.em.query(
      `WITH gone AS (DELETE FROM meeting_note WHERE meeting_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [meetingId],
    );
    return row?.n ?? 0;
  }
}
