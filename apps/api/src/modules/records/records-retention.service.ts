import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Binder, ExtendRetention, RetentionDue } from '@ringi/contracts';
import { fiscalYearOf, fiscalYearRange, tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { JobsService } from '../../core/jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { BINDER_SELECT, RecordsBindersService, toBinder, type BinderRow } from './records-binders.service';
import { RecordsDisposalService } from './records-disposal.service';
import { requireRecordsOfficer } from './records-file-plan.service';

/** The daily queue: tells the administrators of binders that became due, and finishes decided 廃棄目録. */
export const RECORDS_RETENTION_DAILY_QUEUE = 'records.retention_daily';
/** Every morning at 06:10 Tokyo time. */
export const RECORDS_RETENTION_DAILY_CRON = '10 6 * * *';

/**
 * Whether a binder's retention is over on `today`: its last day (`retention_ends_on`) has passed. Only then may it
 * leave (移管 or 廃棄); a 永年 binder never does.
 */
export function retentionOver(binder: Pick<Binder, 'retentionEndsOn'>, today: string): boolean {
  return binder.retentionEndsOn !== null && binder.retentionEndsOn < today;
}

/**
 * The end of retention (保存期間満了), for the records officer: the binders whose retention ends by a day (default
 * the end of the present 年度), extension (延長, with a reason, also before the end), transfer to the archives
 * (移管: 移管予定 once the retention is over, then 移管済 when the archives received it — the files stay, the
 * binder is closed), and the daily job that tells the administrators once per binder when its retention is over
 * and finishes any decided 廃棄目録 (see `RecordsDisposalService`). Every change is in the audit chain.
 */
@Injectable()
export class RecordsRetentionService implements OnModuleInit {
  private readonly logger = new Logger('RecordsRetention');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
    private readonly binders: RecordsBindersService,
    private readonly disposal: RecordsDisposalService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.jobs.register<{ on?: string }>(RECORDS_RETENTION_DAILY_QUEUE, async ({ data }) => {
      await this.daily(data.on ?? tokyoDate());
    });
    await this.jobs.schedule(RECORDS_RETENTION_DAILY_QUEUE, RECORDS_RETENTION_DAILY_CRON);
  }

  /** Active binders (not 永年) whose retention ends on or before `by` (default: the end of the present 年度). */
  async due(user: AuthUser, by?: string): Promise<RetentionDue> {
    requireRecordsOfficer(user);
    const day = by ?? fiscalYearRange(fiscalYearOf(tokyoDate())).end;
    const rows: BinderRow[] = await this.uow.query(
      `${BINDER_SELECT}
        WHERE b.status = 'active' AND b.retention_ends_on IS NOT NULL AND b.retention_ends_on <= $1::date
        ORDER BY b.retention_ends_on, b.fiscal_year, b.code, department_name, b.id`,
      [day],
    );
    return { by: day, binders: rows.map(toBinder) };
  }

  /** 延長: a later last day, with the reason; allowed on an active binder at any time (also before its end). */
  async extend(user: AuthUser, id: string, body: ExtendRetention): Promise<Binder> {
    requireRecordsOfficer(user);
    return this.uow.run(async (tx) => {
      const binder = await this.binders.get(id, tx, true);
      if (binder.status !== 'active') throw new AppException('records/binder_not_active');
      if (binder.retentionEndsOn === null) throw new AppException('records/binder_permanent');
      if (body.until <= binder.retentionEndsOn) throw new AppException('records/extension_not_later');
      await tx.em.query(
        `UPDATE records_binder SET retention_ends_on = $2, extensions = extensions + 1, extension_reason = $3,
                due_notified_at = NULL
          WHERE id = $1`,
        [id, body.until, body.reason],
      );
      await this.audit.append(tx, {
        type: 'records.retention_extended',
        actorId: user.id,
        subject: id,
        data: {
          from: binder.retentionEndsOn,
          until: body.until,
          reason: body.reason,
          extensions: binder.extensions + 1,
        },
      });
      return this.binders.get(id, tx);
    });
  }

  /** 移管 begins: only once the retention is over, never for 永年; the binder becomes 移管予定. */
  async transfer(user: AuthUser, id: string, today = tokyoDate()): Promise<Binder> {
    requireRecordsOfficer(user);
    return this.uow.run(async (tx) => {
      const binder = await this.binders.get(id, tx, true);
      if (binder.status !== 'active') throw new AppException('records/binder_not_active');
      if (binder.retentionEndsOn === null) throw new AppException('records/binder_permanent');
      if (!retentionOver(binder, today)) throw new AppException('records/binder_not_due');
      await tx.em.query(`UPDATE records_binder SET status = 'transfer_pending' WHERE id = $1`, [id]);
      await this.audit.append(tx, {
        type: 'records.transfer_started',
        actorId: user.id,
        subject: id,
        data: {
          code: binder.code,
          title: binder.title,
          fiscalYear: binder.fiscalYear,
          endAction: binder.endAction,
        },
      });
      return this.binders.get(id, tx);
    });
  }

  /** 移管済: the archives received a 移管予定 binder. Its files stay; the binder is closed. */
  async transferred(user: AuthUser, id: string): Promise<Binder> {
    requireRecordsOfficer(user);
    return this.uow.run(async (tx) => {
      const binder = await this.binders.get(id, tx, true);
      if (binder.status !== 'transfer_pending') throw new AppException('records/binder_not_active');
      await tx.em.query(
        `UPDATE records_binder SET status = 'transferred', transferred_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.append(tx, {
        type: 'records.transferred',
        actorId: user.id,
        subject: id,
        data: {
          code: binder.code,
          title: binder.title,
          fiscalYear: binder.fiscalYear,
          documents: binder.documentCount,
          receipts: binder.receiptCount,
        },
      });
      return this.binders.get(id, tx);
    });
  }

  /**
   * The daily job: tells the (active) administrators, in one notification, of the binders whose retention became
   * over since they were last told (each binder once per end of retention), then finishes any decided 廃棄目録 not
   * yet carried out and frees the binders of refused ones (in case the process stopped between the decision and
   * its listener). Answers how many binders were told of.
   */
  async daily(today = tokyoDate()): Promise<number> {
    const told = await this.uow.run(async (tx) => this.notifyDue(tx, today));
    await this.disposal.settlePending();
    return told;
  }

  private async notifyDue(tx: Tx, today: string): Promise<number> {
    const rows: { id: string }[] = await tx.em.query(
      // A SELECT around the UPDATE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH told AS (UPDATE records_binder SET due_notified_at = now()
                      WHERE status = 'active' AND retention_ends_on < $1::date AND due_notified_at IS NULL
                      RETURNING id)
       SELECT id FROM told`,
      [today],
    );
    if (!rows.length) return 0;
    const admins: { id: string }[] = await tx.em.query(
      `SELECT id FROM app_user WHERE role = 'admin' AND active ORDER BY id`,
    );
    if (admins.length)
      await this.notifications.notify(tx, {
        userIds: admins.map((a) => a.id),
        kind: 'records.retention_due',
        title: {
          ja: `保存期間が満了した簿冊が${rows.length}冊あります`,
          en: `${rows.length} binder(s) reached the end of retention`,
        },
        body: {
          ja: '延長・移管・廃棄のいずれかを決めてください。',
          en: 'Please extend, transfer or dispose of them.',
        },
        link: '/records/retention',
      });
    this.logger.log({ binders: rows.length }, 'told the administrators of binders at the end of retention');
    return rows.length;
  }
}
