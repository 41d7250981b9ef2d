import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { CreateDisposalList, DisposalList, DisposalListStatus, DisposalLists } from '@ringi/contracts';
import { canonicalJson, tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { FilesService } from '../../core/files/files.service';
import { ApprovalDraftsService } from '../approvals/approval-drafts.service';
import { APPROVAL_STATUS_CHANGED, type ApprovalStatusChangedEvent } from '../approvals/approvals.events';
import { BINDER_SELECT, toBinder, type BinderRow } from './records-binders.service';
import { requireRecordsOfficer } from './records-file-plan.service';

/** The template of the 廃棄目録 起案 (seeded with the demo templates; a town without it cannot make lists). */
export const DISPOSAL_LIST_TEMPLATE = 'DISPOSAL_LIST';

const APPROVED = ['decided', 'completed'];
const REFUSED = ['rejected', 'withdrawn', 'discarded'];

const END_ACTION_JA = { transfer: '移管', dispose: '廃棄' } as const;

interface ListRow {
  id: string;
  title: string;
  document_id: string;
  document_number: string | null;
  document_status: string;
  created_at: Date;
  executed_at: Date | null;
  files_destroyed: number | null;
}

/** What a disposal destroyed, kept for ever on the list (`manifest`) and hashed into the audit chain. */
export interface DisposalManifest {
  v: 1;
  listId: string;
  documentId: string;
  executedAt: string;
  binders: {
    id: string;
    code: string;
    title: string;
    fiscalYear: number;
    departmentName: string;
    retentionEndsOn: string | null;
  }[];
  documents: {
    id: string;
    binderId: string;
    number: string | null;
    title: string;
    decidedOn: string | null;
  }[];
  receipts: { id: string; binderId: string; number: string; subject: string }[];
  files: { id: string; name: string; size: number; sha256: string }[];
}

function listStatus(row: ListRow): DisposalListStatus {
  if (row.executed_at) return 'executed';
  if (APPROVED.includes(row.document_status)) return 'approved';
  if (row.document_status === 'rejected') return 'rejected';
  if (row.document_status === 'withdrawn' || row.document_status === 'discarded') return 'withdrawn';
  if (row.document_status === 'in_progress') return 'in_progress';
  return 'draft';
}

/**
 * 廃棄目録 (disposal lists): the records officer lists binders whose retention is over (not 永年) in a draft 起案 of
 * the `DISPOSAL_LIST` template, whose body is the list; the binders are 廃棄目録登載 (`disposal_listed`) and wait.
 * The officer submits it on the approval screen like any 起案. Once it is decided (or completed), in one
 * transaction: every stored file of the binders' documents (attachments) and receipts is destroyed (the rows stay
 * with name, size and sha256; the bytes go after commit), the binders are 廃棄済, the list keeps its manifest, and
 * one audit event `records.disposed` carries the summary and the sha256 of the canonical manifest. Document and
 * receipt rows are never deleted. Refused (否決), pulled back (引戻し) or given up (取下げ), the binders are active
 * again (a list pulled back and sent again then holds no binders: make a new one). Both happen on the approval's
 * status change and again in the daily job, and are idempotent.
 */
@Injectable()
export class RecordsDisposalService {
  private readonly logger = new Logger('RecordsDisposal');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly drafts: ApprovalDraftsService,
  ) {}

  async create(user: AuthUser, body: CreateDisposalList, today = tokyoDate()): Promise<DisposalList> {
    requireRecordsOfficer(user);
    const ids = [...new Set(body.binderIds)].sort();
    const id = await this.uow.run(async (tx) => {
      const rows: BinderRow[] = await tx.em.query(
        `${BINDER_SELECT} WHERE b.id = ANY($1::uuid[]) ORDER BY b.fiscal_year, b.code, department_name, b.id
          FOR UPDATE OF b`,
        [ids],
      );
      if (rows.length !== ids.length) throw new AppException('records/binder_not_found');
      for (const b of rows) {
        if (b.status !== 'active') throw new AppException('records/binder_not_active');
        if (b.retention_ends_on === null) throw new AppException('records/binder_permanent');
        if (!(b.retention_ends_on < today)) throw new AppException('records/binder_not_due');
        // What the file plan sends to the archives (移管) is never destroyed by a list.
        if (b.end_action === 'transfer') throw new AppException('records/binder_for_transfer');
      }
      const [template]: { id: string }[] = await tx.em.query(
        `SELECT id FROM approval_template WHERE code = $1 AND active`,
        [DISPOSAL_LIST_TEMPLATE],
      );
      if (!template) throw new AppException('approval/template_not_found');
      const documentId = await this.drafts.create(user, {
        templateId: template.id,
        title: body.title,
        body: this.listBody(rows),
        fields: {},
        disclosure: 'private',
        classification: '',
        plannedEnforcementOn: null,
        counterparty: null,
        amount: null,
        consultations: [],
        reviewers: [],
      });
      const [list]: { id: string }[] = await tx.em.query(
        `INSERT INTO records_disposal_list (title, document_id, created_by) VALUES ($1, $2, $3) RETURNING id`,
        [body.title, documentId, user.id],
      );
      await tx.em.query(
        `UPDATE records_binder SET status = 'disposal_listed', disposal_list_id = $2 WHERE id = ANY($1::uuid[])`,
        [ids, list!.id],
      );
      await this.audit.append(tx, {
        type: 'records.disposal_listed',
        actorId: user.id,
        subject: list!.id,
        data: { title: body.title, documentId, binders: ids },
      });
      return list!.id;
    });
    return this.get(user, id);
  }

  /** The 廃棄目録 as the 起案's body: one line per binder (code, title, 年度, department, end of retention, count). */
  private listBody(rows: BinderRow[]): string {
    const lines = rows.map(
      (b, i) =>
        `${i + 1}. ${b.code}\u3000${b.title}\u3000${b.fiscal_year}年度\u3000${b.department_name}\u3000` +
        `保存期間満了 ${b.retention_ends_on ?? '永年'}\u3000文書 ${b.document_count}件・収受 ${b.receipt_count}件` +
        `（${END_ACTION_JA[b.end_action]}）`,
    );
    return [
      `保存期間が満了した次の簿冊${rows.length}冊を廃棄してよろしいか伺います。`,
      '決裁後、簿冊の電子ファイルは消去され、文書の目録（番号・件名・決裁日）とファイルの記録（名前・大きさ・ハッシュ値）は残ります。',
      '',
      '【廃棄目録】',
      ...lines,
    ].join('\n');
  }

  async list(user: AuthUser): Promise<DisposalLists> {
    requireRecordsOfficer(user);
    const rows: ListRow[] = await this.uow.query(`${LIST_SELECT} ORDER BY l.created_at DESC, l.id`);
    return { items: await Promise.all(rows.map((r) => this.toList(r))) };
  }

  async get(user: AuthUser, id: string): Promise<DisposalList> {
    requireRecordsOfficer(user);
    const [row]: ListRow[] = await this.uow.query(`${LIST_SELECT} WHERE l.id = $1`, [id]);
    if (!row) throw new AppException('records/disposal_list_not_found');
    return this.toList(row);
  }

  private async toList(row: ListRow): Promise<DisposalList> {
    const binders: BinderRow[] = await this.uow.query(
      `${BINDER_SELECT} WHERE b.disposal_list_id = $1 ORDER BY b.fiscal_year, b.code, department_name, b.id`,
      [row.id],
    );
    return {
      id: row.id,
      title: row.title,
      status: listStatus(row),
      documentId: row.document_id,
      documentNumber: row.document_number,
      binders: binders.map(toBinder),
      createdAt: row.created_at.toISOString(),
      executedAt: row.executed_at?.toISOString() ?? null,
      filesDestroyed: row.files_destroyed ?? 0,
    };
  }

  @OnEvent(APPROVAL_STATUS_CHANGED, { async: true, promisify: true })
  async onDocumentStatus(event: ApprovalStatusChangedEvent): Promise<void> {
    if (!APPROVED.includes(event.to) && !REFUSED.includes(event.to)) return;
    const [list]: { id: string }[] = await this.uow.query(
      `SELECT id FROM records_disposal_list WHERE document_id = $1`,
      [event.documentId],
    );
    if (!list) return;
    await this.settle(list.id);
  }

  /** Every list decided but not carried out, or refused with binders still waiting (the daily job). */
  async settlePending(): Promise<void> {
    const rows: { id: string }[] = await this.uow.query(
      `SELECT l.id FROM records_disposal_list l JOIN approval_document d ON d.id = l.document_id
        WHERE (l.executed_at IS NULL AND d.status = ANY($1::text[]))
           OR (d.status = ANY($2::text[]) AND EXISTS (SELECT 1 FROM records_binder b
                                                        WHERE b.disposal_list_id = l.id AND b.status = 'disposal_listed'))
        ORDER BY l.created_at`,
      [APPROVED, REFUSED],
    );
    for (const { id } of rows)
      await this.settle(id).catch((err: unknown) =>
        this.logger.error({ err, listId: id }, 'could not settle a disposal list'),
      );
  }

  /** Carries out a decided list, or frees the binders of a refused one; nothing otherwise (idempotent). */
  async settle(listId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const [row]: { id: string; document_id: string; executed_at: Date | null; status: string }[] =
        await tx.em.query(
          `SELECT l.id, l.document_id, l.executed_at, d.status
             FROM records_disposal_list l JOIN approval_document d ON d.id = l.document_id
            WHERE l.id = $1 FOR UPDATE OF l`,
          [listId],
        );
      if (!row || row.executed_at) return;
      if (APPROVED.includes(row.status)) await this.execute(tx, row.id, row.document_id);
      else if (REFUSED.includes(row.status)) await this.release(tx, row.id, row.status);
    });
  }

  private async release(tx: Tx, listId: string, status: string): Promise<void> {
    const freed: { id: string }[] = await tx.em.query(
      // A SELECT around the UPDATE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH freed AS (UPDATE records_binder SET status = 'active'
                       WHERE disposal_list_id = $1 AND status = 'disposal_listed' RETURNING id)
       SELECT id FROM freed`,
      [listId],
    );
    if (!freed.length) return;
    await this.audit.append(tx, {
      type: 'records.disposal_released',
      actorId: null,
      subject: listId,
      data: { documentStatus: status, binders: freed.map((b) => b.id).sort() },
    });
  }

  private async execute(tx: Tx, listId: string, documentId: string): Promise<void> {
    const binders: BinderRow[] = await tx.em.query(
      `${BINDER_SELECT} WHERE b.disposal_list_id = $1 AND b.status = 'disposal_listed'
        ORDER BY b.fiscal_year, b.code, department_name, b.id FOR UPDATE OF b`,
      [listId],
    );
    const binderIds = binders.map((b) => b.id);
    const documents: {
      id: string;
      binder_id: string;
      number: string | null;
      title: string;
      decided_on: string | null;
    }[] = await tx.em.query(
      `SELECT id, binder_id, number, title,
                (COALESCE(decided_at, completed_at) AT TIME ZONE 'Asia/Tokyo')::date::text AS decided_on
           FROM approval_document WHERE binder_id = ANY($1::uuid[]) ORDER BY binder_id, number, id`,
      [binderIds],
    );
    const receipts: { id: string; binder_id: string; number: string; subject: string }[] = await tx.em.query(
      `SELECT id, binder_id, number, subject FROM records_receipt WHERE binder_id = ANY($1::uuid[])
        ORDER BY binder_id, number, id`,
      [binderIds],
    );
    const documentIds = documents.map((d) => d.id);
    const receiptIds = receipts.map((r) => r.id);
    // The files of these records, except any another record outside the list still holds (引用起案 shares them).
    const files: { id: string; name: string; size: string; sha256: string }[] = await tx.em.query(
      `SELECT f.id, f.name, f.size_bytes::text AS size, f.sha256
         FROM stored_file f
        WHERE f.id IN (SELECT a.file_id FROM approval_attachment a WHERE a.document_id = ANY($1::uuid[])
                       UNION SELECT rf.file_id FROM records_receipt_file rf WHERE rf.receipt_id = ANY($2::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM approval_attachment o
                           WHERE o.file_id = f.id AND NOT (o.document_id = ANY($1::uuid[])))
          AND NOT EXISTS (SELECT 1 FROM records_receipt_file o
                           WHERE o.file_id = f.id AND NOT (o.receipt_id = ANY($2::uuid[])))
        ORDER BY f.id`,
      [documentIds, receiptIds],
    );
    const blobs = await this.files.disposeFiles(
      tx.em,
      files.map((f) => f.id),
    );
    await tx.em.query(
      `UPDATE records_binder SET status = 'disposed', disposed_at = now() WHERE id = ANY($1::uuid[])`,
      [binderIds],
    );
    const executedAt = new Date();
    const manifest: DisposalManifest = {
      v: 1,
      listId,
      documentId,
      executedAt: executedAt.toISOString(),
      binders: binders.map((b) => ({
        id: b.id,
        code: b.code,
        title: b.title,
        fiscalYear: b.fiscal_year,
        departmentName: b.department_name,
        retentionEndsOn: b.retention_ends_on,
      })),
      documents: documents.map((d) => ({
        id: d.id,
        binderId: d.binder_id,
        number: d.number,
        title: d.title,
        decidedOn: d.decided_on,
      })),
      receipts: receipts.map((r) => ({
        id: r.id,
        binderId: r.binder_id,
        number: r.number,
        subject: r.subject,
      })),
      files: files.map((f) => ({ id: f.id, name: f.name, size: Number(f.size), sha256: f.sha256.trim() })),
    };
    const manifestSha256 = createHash('sha256').update(canonicalJson(manifest), 'utf8').digest('hex');
    await tx.em.query(
      `UPDATE records_disposal_list SET executed_at = $2, manifest = $3::jsonb WHERE id = $1`,
      [listId, executedAt, JSON.stringify(manifest)],
    );
    await this.audit.append(tx, {
      type: 'records.disposed',
      actorId: null,
      subject: listId,
      data: {
        documentId,
        binders: binders.length,
        documents: documents.length,
        receipts: receipts.length,
        files: files.length,
        bytes: manifest.files.reduce((sum, f) => sum + f.size, 0),
        manifestSha256,
      },
    });
    tx.afterCommit(() => {
      this.files
        .collectBlobs(blobs)
        .catch((err: unknown) => this.logger.warn({ err, listId }, 'could not remove disposed bytes'));
    });
    this.logger.log({ listId, binders: binders.length, files: files.length }, 'disposal list carried out');
  }
}

const LIST_SELECT = `
  SELECT l.id, l.title, l.document_id, d.number AS document_number, d.status AS document_status, l.created_at,
         l.executed_at, jsonb_array_length(l.manifest -> 'files') AS files_destroyed
    FROM records_disposal_list l
    JOIN approval_document d ON d.id = l.document_id`;
