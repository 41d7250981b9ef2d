import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type {
  Binder,
  BinderDetail,
  BinderEntry,
  BinderList,
  BinderSearch,
  CreateYearBindersResult,
} from '@ringi/contracts';
import { binderSearchSchema } from '@ringi/contracts';
import { fiscalYearOf, isSecretOn, tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { JobsService } from '../../core/jobs/jobs.service';
import { ApprovalDocumentPolicy } from '../approvals/approval-document.policy';
import { requireRecordsOfficer, RecordsFilePlanService } from './records-file-plan.service';
import { RecordsReceiptPolicy } from './records-receipt.policy';

/** The queue whose job makes a 年度's binders from the plan (`{ on? }`: the 年度 of that day, default today). */
export const RECORDS_BINDERS_YEAR_QUEUE = 'records.binders_year';
/** At the year change (年度替わり): April 1, 00:15 Tokyo time. Also sent once at every start. */
export const RECORDS_BINDERS_YEAR_CRON = '15 0 1 4 *';

/** A binder row as the contracts' `Binder`, with what the retention services need besides. */
export interface BinderRow {
  id: string;
  fiscal_year: number;
  department_id: string;
  department_name: string;
  plan_item_id: string;
  code: string;
  classification: string;
  title: string;
  retention: Binder['retention'];
  end_action: Binder['endAction'];
  retention_ends_on: string | null;
  status: Binder['status'];
  extensions: number;
  extension_reason: string | null;
  disposal_list_id: string | null;
  document_count: number;
  receipt_count: number;
}

/**
 * Every binder column the contracts show, for `FROM records_binder b` (the department's name as it was on April
 * 1 of the binder's 年度; the counts are of everything filed, numbers only). Append `WHERE …`.
 */
export const BINDER_SELECT = `
  SELECT b.id, b.fiscal_year, b.department_id, COALESCE(dv.name, d.name) AS department_name, b.plan_item_id,
         b.code, concat_ws(' / ', NULLIF(p.major, ''), NULLIF(p.middle, ''), NULLIF(p.minor, '')) AS classification,
         b.title, b.retention, b.end_action, b.retention_ends_on::text AS retention_ends_on, b.status,
         b.extensions, b.extension_reason, b.disposal_list_id,
         (SELECT count(*)::int FROM approval_document ad WHERE ad.binder_id = b.id) AS document_count,
         (SELECT count(*)::int FROM records_receipt rr WHERE rr.binder_id = b.id) AS receipt_count
    FROM records_binder b
    JOIN records_file_plan_item p ON p.id = b.plan_item_id
    JOIN department d ON d.id = b.department_id
    LEFT JOIN LATERAL (
      SELECT v.name FROM department_version v
       WHERE v.department_id = b.department_id AND v.valid_from <= make_date(b.fiscal_year, 4, 1)
         AND (v.valid_to IS NULL OR v.valid_to >= make_date(b.fiscal_year, 4, 1))
       LIMIT 1) dv ON TRUE`;

export function toBinder(r: BinderRow): Binder {
  return {
    id: r.id,
    fiscalYear: r.fiscal_year,
    departmentId: r.department_id,
    departmentName: r.department_name,
    planItemId: r.plan_item_id,
    code: r.code,
    classification: r.classification,
    title: r.title,
    retention: r.retention,
    endAction: r.end_action,
    retentionEndsOn: r.retention_ends_on,
    status: r.status,
    extensions: r.extensions,
    extensionReason: r.extension_reason,
    disposalListId: r.disposal_list_id,
    documentCount: r.document_count,
    receiptCount: r.receipt_count,
  };
}

/**
 * The binder columns computed from a plan item for a 年度: `retention_ends_on` is `binderRetentionEnd` (the
 * records are complete at the end of the 年度; retention runs from the next April 1), null for 永年.
 */
const RETENTION_END_SQL = `CASE WHEN p.retention = 'permanent' THEN NULL
                                ELSE make_date($1::int + 1 + p.retention::int, 3, 31) END`;

/** `LIKE` pattern text with its wildcards taken literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const words = (s: string | undefined) =>
  (s ?? '')
    .normalize('NFKC')
    .split(/\s+/)
    .filter((w) => w.length > 0);

/**
 * The yearly binders (簿冊): made from the active file plan for a 年度 (by the records officer, by the job at the
 * year change and on every start for the present 年度, or one at a time when a document is filed without a
 * chosen binder), found by anyone signed in (their titles are not secret), and opened with only the records the
 * person may see (documents by the document policy, receipts by the receipt policy: a secret one does not appear
 * at all to others).
 */
@Injectable()
export class RecordsBindersService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('RecordsBinders');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly filePlan: RecordsFilePlanService,
    private readonly documents: ApprovalDocumentPolicy,
    private readonly receipts: RecordsReceiptPolicy,
  ) {}

  async onModuleInit(): Promise<void> {
    this.jobs.register<{ on?: string }>(RECORDS_BINDERS_YEAR_QUEUE, async ({ data }) => {
      await this.filePlan.ensureSeeded();
      const fiscalYear = fiscalYearOf(data.on ?? tokyoDate());
      const created = await this.uow.run((tx) => this.createYearIn(tx, fiscalYear, null));
      if (created) this.logger.log({ fiscalYear, created }, 'binders of the year created');
    });
    await this.jobs.schedule(RECORDS_BINDERS_YEAR_QUEUE, RECORDS_BINDERS_YEAR_CRON);
  }

  /**
   * On every start too (idempotent, after the org chart's own start-up): an install started after April 1, or
   * down on that day, gets its binders. Done here rather than through the queue, so that no job is still running
   * when a start is followed at once by a stop (found by CI: the queue's connection closed under it).
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.filePlan.ensureSeeded();
      const fiscalYear = fiscalYearOf(tokyoDate());
      const created = await this.uow.run((tx) => this.createYearIn(tx, fiscalYear, null));
      if (created) this.logger.log({ fiscalYear, created }, 'binders of the year created');
    } catch (err) {
      this.logger.warn({ err }, 'could not make the binders of the year at start; the April 1 job will');
    }
  }

  /** The records officer makes a 年度's binders from the plan (again: only the missing ones). */
  async createYear(user: AuthUser, fiscalYear: number): Promise<CreateYearBindersResult> {
    requireRecordsOfficer(user);
    const created = await this.uow.run((tx) => this.createYearIn(tx, fiscalYear, user.id));
    return { fiscalYear, created };
  }

  /**
   * Makes the binders of `fiscalYear` from the active plan items: an item of a department makes that department's
   * binder; an item for all makes one for every department existing at some time in that 年度 (on April 1, or
   * set up later in the year: an install or a 新設 after April 1 gets its binders too). Answers how many
   * were new (UNIQUE (plan item, department, 年度): a second run makes none).
   */
  private async createYearIn(tx: Tx, fiscalYear: number, actorId: string | null): Promise<number> {
    const [row]: { n: number }[] = await tx.em.query(
      `WITH made AS (
         INSERT INTO records_binder (plan_item_id, department_id, fiscal_year, code, title, retention, end_action,
                                     retention_ends_on)
         SELECT p.id, dep.id, $1, p.code, p.title, p.retention, p.end_action, ${RETENTION_END_SQL}
           FROM records_file_plan_item p
           CROSS JOIN LATERAL (
             SELECT p.department_id AS id WHERE p.department_id IS NOT NULL
             UNION
             SELECT v.department_id FROM department_version v
              WHERE p.department_id IS NULL
                AND v.valid_from <= make_date($1::int + 1, 3, 31)
                AND (v.valid_to IS NULL OR v.valid_to >= make_date($1::int, 4, 1))) dep
          WHERE p.active
         ON CONFLICT (plan_item_id, department_id, fiscal_year) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS n FROM made`,
      [fiscalYear],
    );
    const created = row?.n ?? 0;
    if (created)
      await this.audit.append(tx, {
        type: 'records.binders_created',
        actorId,
        subject: String(fiscalYear),
        data: { fiscalYear, created, by: actorId ? 'records_officer' : 'schedule' },
      });
    return created;
  }

  /**
   * The binder a document of `departmentId` and `fiscalYear` is filed in when none was chosen: the department's
   * binder of that 年度 for the plan item whose code is the document's 分類 (`classification`), else for the item
   * `00` (庶務一般); made from the plan when it does not exist yet. A department's own item comes before an item
   * for all. Null when the plan has neither (nothing to file it in). Runs in the caller's transaction.
   */
  async binderFor(
    tx: Tx,
    departmentId: string,
    fiscalYear: number,
    classificationCode: string | null,
  ): Promise<string | null> {
    const code = classificationCode?.trim() || null;
    const items: { id: string }[] = await tx.em.query(
      `SELECT p.id FROM records_file_plan_item p
        WHERE p.active AND p.code = ANY($1::text[]) AND (p.department_id IS NULL OR p.department_id = $2)
        ORDER BY (p.code = $3) DESC, (p.department_id IS NOT NULL) DESC
        LIMIT 1`,
      [code ? [code, '00'] : ['00'], departmentId, code ?? '00'],
    );
    const item = items[0];
    if (!item) return null;
    await tx.em.query(
      `INSERT INTO records_binder (plan_item_id, department_id, fiscal_year, code, title, retention, end_action,
                                   retention_ends_on)
       SELECT p.id, $2, $1, p.code, p.title, p.retention, p.end_action, ${RETENTION_END_SQL}
         FROM records_file_plan_item p WHERE p.id = $3
       ON CONFLICT (plan_item_id, department_id, fiscal_year) DO NOTHING`,
      [fiscalYear, departmentId, item.id],
    );
    const [binder]: { id: string }[] = await tx.em.query(
      `SELECT id FROM records_binder WHERE plan_item_id = $1 AND department_id = $2 AND fiscal_year = $3`,
      [item.id, departmentId, fiscalYear],
    );
    return binder?.id ?? null;
  }

  /** Binders by 年度, department, classification (code prefix or words of 大・中・小分類), title words, status. */
  async search(input: BinderSearch): Promise<BinderList> {
    const q = binderSearchSchema.parse(input);
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (q.fiscalYear !== undefined) where.push(`b.fiscal_year = ${param(q.fiscalYear)}`);
    if (q.departmentId) where.push(`b.department_id = ${param(q.departmentId)}`);
    if (q.status) where.push(`b.status = ${param(q.status)}`);
    const classification = words(q.classification);
    if (classification.length === 1)
      where.push(
        `(b.code LIKE ${param(`${likeEscape(classification[0]!)}%`)}
          OR concat_ws(' ', p.major, p.middle, p.minor) ILIKE ${param(`%${likeEscape(classification[0]!)}%`)})`,
      );
    else
      for (const w of classification)
        where.push(`concat_ws(' ', p.major, p.middle, p.minor) ILIKE ${param(`%${likeEscape(w)}%`)}`);
    for (const w of words(q.title)) where.push(`b.title ILIKE ${param(`%${likeEscape(w)}%`)}`);
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count]: { n: number }[] = await this.uow.query(
      `SELECT count(*)::int AS n FROM records_binder b JOIN records_file_plan_item p ON p.id = b.plan_item_id
        ${condition}`,
      params,
    );
    const rows: BinderRow[] = await this.uow.query(
      `${BINDER_SELECT} ${condition}
        ORDER BY b.fiscal_year DESC, b.code, d.sort_order, d.code, b.id
        LIMIT ${param(q.pageSize)} OFFSET ${param((q.page - 1) * q.pageSize)}`,
      params,
    );
    return { items: rows.map(toBinder), total: count?.n ?? 0, page: q.page, pageSize: q.pageSize };
  }

  /** One binder (anyone signed in), or `records/binder_not_found`. */
  async get(id: string, tx?: Tx, lock = false): Promise<Binder> {
    const sql = `${BINDER_SELECT} WHERE b.id = $1${lock ? ' FOR UPDATE OF b' : ''}`;
    const rows: BinderRow[] = tx ? await tx.em.query(sql, [id]) : await this.uow.query(sql, [id]);
    if (!rows[0]) throw new AppException('records/binder_not_found');
    return toBinder(rows[0]);
  }

  /** The binder and what this person may see of its records: documents and receipts, by date. */
  async detail(user: AuthUser, id: string): Promise<BinderDetail> {
    const binder = await this.get(id);
    const params: unknown[] = [id];
    const documentsVisible = await this.documents.visibleSql(user, 'd', params);
    const receiptsVisible = await this.receipts.visibleSql(user, 'r', params);
    const rows: {
      kind: BinderEntry['kind'];
      id: string;
      number: string | null;
      title: string;
      date: string | null;
      secret: boolean;
      secret_until: string | null;
      on_paper: boolean;
    }[] = await this.uow.query(
      `SELECT 'document' AS kind, d.id, d.number, d.title,
              (COALESCE(d.decided_at, d.completed_at) AT TIME ZONE 'Asia/Tokyo')::date::text AS date,
              d.secret, d.secret_until::text AS secret_until, (d.paper_reason IS NOT NULL) AS on_paper
         FROM approval_document d WHERE d.binder_id = $1 AND ${documentsVisible}
       UNION ALL
       SELECT 'receipt', r.id, r.number, r.subject, r.received_on::text, r.secret, r.secret_until::text, FALSE
         FROM records_receipt r WHERE r.binder_id = $1 AND ${receiptsVisible}
       ORDER BY date NULLS LAST, number, id`,
      params,
    );
    const today = tokyoDate();
    return {
      binder,
      entries: rows.map((r) => ({
        kind: r.kind,
        id: r.id,
        number: r.number,
        title: r.title,
        date: r.date,
        secret: isSecretOn({ secret: r.secret, secretUntil: r.secret_until }, today),
        onPaper: r.on_paper,
      })),
    };
  }
}
