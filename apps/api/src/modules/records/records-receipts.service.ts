import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  APPROVAL_ATTACHMENT_TYPES,
  RECEIPT_FILES_MAX,
  type CreateReceipt,
  type FileableBinders,
  type PendingReplies,
  type Receipt,
  type ReceiptList,
  type ReceiptSearch,
  type ReceiptSummary,
  type UpdateReceipt,
} from '@ringi/contracts';
import { fiscalYearOf, formatReceiptNumber, receiptFiscalYear, tokyoDate } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { isUniqueViolation } from '../../core/database/unique-violation';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { ValidationFailedException } from '../../core/errors/validation-failed.exception';
import { FilesService, type UploadedFile } from '../../core/files/files.service';
import { ApprovalAttachmentsService } from '../approvals/approval-attachments.service';
import { ApprovalDocumentPolicy } from '../approvals/approval-document.policy';
import { ApprovalDraftsService } from '../approvals/approval-drafts.service';
import { ApprovalRoutingService } from '../approvals/approval-routing.service';
import { APPROVAL_STATUS_CHANGED, type ApprovalStatusChangedEvent } from '../approvals/approvals.events';
import { OrgChartService } from '../org/org-chart.service';
import { requireActiveBinder } from './records-binder-check';
import { RecordsBindersService } from './records-binders.service';
import { RecordsReceiptPolicy, type ReceiptAccessRow } from './records-receipt.policy';

export const RECEIPT_FILE_PURPOSE = 'records-receipt';
/** A scan of many pages stays within this. */
export const RECEIPT_FILE_MAX_BYTES = 50 * 1024 * 1024;

interface ReceiptRow extends ReceiptAccessRow {
  number: string;
  fiscal_year: number;
  serial: number;
  department_name: string;
  subject: string;
  received_on: string;
  sender: string;
  sender_number: string;
  sender_date: string | null;
  medium: 'paper' | 'electronic';
  reply_required: boolean;
  reply_due_on: string | null;
  replied_on: string | null;
  binder_id: string | null;
  binder_title: string | null;
  registered_by_name: string;
  created_at: Date;
}

const RECEIPT_COLUMNS = `r.id, r.number, r.fiscal_year, r.serial, r.department_id, r.subject,
  to_char(r.received_on, 'YYYY-MM-DD') AS received_on, r.sender, r.sender_number,
  to_char(r.sender_date, 'YYYY-MM-DD') AS sender_date, r.medium, r.reply_required,
  to_char(r.reply_due_on, 'YYYY-MM-DD') AS reply_due_on, to_char(r.replied_on, 'YYYY-MM-DD') AS replied_on,
  r.binder_id, b.title AS binder_title, r.secret, to_char(r.secret_until, 'YYYY-MM-DD') AS secret_until,
  r.registered_by, u.family_name || ' ' || u.given_name AS registered_by_name, r.created_at,
  COALESCE((SELECT v.name FROM department_version v WHERE v.department_id = r.department_id
             ORDER BY (v.valid_from <= CURRENT_DATE) DESC, v.valid_from DESC LIMIT 1), '') AS department_name`;
const RECEIPT_FROM = `records_receipt r JOIN app_user u ON u.id = r.registered_by
  LEFT JOIN records_binder b ON b.id = r.binder_id`;

/** The row as the contracts' summary, with its reply status on `today`. */
export function receiptSummary(row: ReceiptRow, today: string = tokyoDate()): ReceiptSummary {
  const replyStatus = !row.reply_required
    ? 'none'
    : row.replied_on
      ? 'answered'
      : row.reply_due_on && row.reply_due_on < today
        ? 'overdue'
        : 'open';
  return {
    id: row.id,
    number: row.number,
    fiscalYear: row.fiscal_year,
    serial: row.serial,
    departmentId: row.department_id,
    departmentName: row.department_name,
    subject: row.subject,
    receivedOn: row.received_on,
    sender: row.sender,
    senderNumber: row.sender_number,
    senderDate: row.sender_date,
    medium: row.medium,
    replyRequired: row.reply_required,
    replyDueOn: row.reply_due_on,
    repliedOn: row.replied_on,
    replyStatus,
    secret: row.secret,
    secretUntil: row.secret_until,
    binderId: row.binder_id,
    binderTitle: row.binder_title,
    registeredBy: row.registered_by,
    registeredByName: row.registered_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * The receipt register (収受簿): registering a received document with a gap-free 収受番号 per department and 年度,
 * its scans and files, correcting it, 供覧 or 起案 from it (a draft linked back, its files carried over), and the
 * replies it waits for. Who may see or change a receipt: `RecordsReceiptPolicy`.
 */
@Injectable()
export class RecordsReceiptsService implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly policy: RecordsReceiptPolicy,
    private readonly orgChart: OrgChartService,
    private readonly routing: ApprovalRoutingService,
    private readonly drafts: ApprovalDraftsService,
    private readonly attachments: ApprovalAttachmentsService,
    private readonly documents: ApprovalDocumentPolicy,
    private readonly binders: RecordsBindersService,
  ) {}

  onModuleInit(): void {
    this.files.registerPolicy(RECEIPT_FILE_PURPOSE, async (user, file) => {
      const rows: ReceiptAccessRow[] = await this.uow.query(
        `SELECT r.id, r.department_id, r.registered_by, r.secret,
                to_char(r.secret_until, 'YYYY-MM-DD') AS secret_until
           FROM records_receipt_file f JOIN records_receipt r ON r.id = f.receipt_id WHERE f.file_id = $1`,
        [file.id],
      );
      return !!rows[0] && (await this.policy.canSee(user, rows[0]));
    });
  }

  async list(user: AuthUser, query: ReceiptSearch): Promise<ReceiptList> {
    const { page, pageSize } = query;
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [await this.policy.visibleSql(user, 'r', params)];
    if (query.fiscalYear !== undefined) where.push(`r.fiscal_year = ${param(query.fiscalYear)}`);
    if (query.departmentId) where.push(`r.department_id = ${param(query.departmentId)}`);
    if (query.replyOpen === true) where.push(`r.reply_required AND r.replied_on IS NULL`);
    for (const word of (query.q ?? '').split(/\s+/u).filter(Boolean)) {
      const like = param(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(r.subject ILIKE ${like} OR r.sender ILIKE ${like} OR r.number ILIKE ${like}
                   OR r.sender_number ILIKE ${like})`);
    }
    const condition = where.join(' AND ');
    const [{ total }]: { total: number }[] = await this.uow.query(
      `SELECT count(*)::int AS total FROM records_receipt r WHERE ${condition}`,
      params,
    );
    const rows: ReceiptRow[] = await this.uow.query(
      `SELECT ${RECEIPT_COLUMNS} FROM ${RECEIPT_FROM} WHERE ${condition}
        ORDER BY r.received_on DESC, r.fiscal_year DESC, r.serial DESC
        LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}`,
      params,
    );
    const today = tokyoDate();
    return { items: rows.map((r) => receiptSummary(r, today)), total, page, pageSize };
  }

  /** The binders in use of my 本務 department and the departments above it, for the 年度 (default: this one). */
  async fileableBinders(user: AuthUser, fiscalYear?: number): Promise<FileableBinders> {
    const today = tokyoDate();
    const year = fiscalYear ?? fiscalYearOf(today);
    const primary = await this.orgChart.primaryDepartmentOf(user.id, today);
    const chain = primary ? await this.orgChart.departmentChain(primary, today) : [];
    const names = new Map(chain.map((d) => [d.id, d.name]));
    const rows: { id: string; code: string; title: string; department_id: string }[] = await this.uow.query(
      `SELECT id, code, title, department_id FROM records_binder
        WHERE fiscal_year = $1 AND department_id = ANY($2::uuid[]) AND status = 'active'
        ORDER BY code, title`,
      [year, [...names.keys()]],
    );
    return {
      fiscalYear: year,
      items: rows.map((r) => ({
        id: r.id,
        code: r.code,
        title: r.title,
        departmentId: r.department_id,
        departmentName: names.get(r.department_id) ?? '',
      })),
    };
  }

  /** Receipts of my departments still waiting for a reply, soonest deadline first (the home page). */
  async pendingReplies(user: AuthUser): Promise<PendingReplies> {
    const departments = await this.policy.departmentsOf(user.id);
    const params: unknown[] = [departments];
    const visible = await this.policy.visibleSql(user, 'r', params);
    const rows: ReceiptRow[] = await this.uow.query(
      `SELECT ${RECEIPT_COLUMNS} FROM ${RECEIPT_FROM}
        WHERE r.reply_required AND r.replied_on IS NULL
          AND (r.department_id = ANY($1::uuid[]) OR r.registered_by = $${params.push(user.id)})
          AND ${visible}
        ORDER BY r.reply_due_on, r.received_on LIMIT 20`,
      params,
    );
    const today = tokyoDate();
    return { items: rows.map((r) => receiptSummary(r, today)) };
  }

  async get(user: AuthUser, id: string): Promise<Receipt> {
    const row = await this.policy.requireVisible(user, await this.row(id));
    return this.view(user, row as ReceiptRow);
  }

  /**
   * Registers a receipt with the next 収受番号 of the person's department (本務) for the 年度 of its day of
   * receipt, taken in the same transaction (gap-free: a failed registration rolls the number back, and receipts
   * are never deleted). A resend with the same client id answers the first registration.
   */
  async register(user: AuthUser, input: CreateReceipt & { clientId: string }): Promise<Receipt> {
    try {
      return await this.registerOnce(user, input);
    } catch (error) {
      // The same registration sent twice at once: the second finds the first once it has committed.
      if (isUniqueViolation(error, 'records_receipt_client_id_key')) return this.registerOnce(user, input);
      throw error;
    }
  }

  private async registerOnce(user: AuthUser, input: CreateReceipt & { clientId: string }): Promise<Receipt> {
    const today = tokyoDate();
    const id = await this.uow.run(async (tx) => {
      const [existing]: { id: string; registered_by: string }[] = await tx.em.query(
        `SELECT id, registered_by FROM records_receipt WHERE client_id = $1`,
        [input.clientId],
      );
      if (existing) {
        if (existing.registered_by !== user.id) throw new AppException('records/receipt_not_found');
        return existing.id;
      }
      if (input.receivedOn > today) throw new AppException('records/received_in_future');
      const departmentId = await this.receivingUnit(user.id, today);
      const fiscalYear = receiptFiscalYear(input.receivedOn);
      // Without a chosen binder, the 課's binder of general affairs (庶務一般) of the 年度.
      const binderId =
        (await requireActiveBinder(tx.em, input.binderId ?? null, departmentId)) ??
        (await this.binders.binderFor(tx, departmentId, fiscalYear, null));
      const [{ last_serial: serial }]: { last_serial: number }[] = await tx.em.query(
        `INSERT INTO records_receipt_counter (department_id, fiscal_year, last_serial) VALUES ($1, $2, 1)
         ON CONFLICT (department_id, fiscal_year)
           DO UPDATE SET last_serial = records_receipt_counter.last_serial + 1
         RETURNING last_serial`,
        [departmentId, fiscalYear],
      );
      const number = formatReceiptNumber(await this.routing.numberPrefix(departmentId, today), serial);
      const secret = input.secret ?? false;
      const [row]: { id: string }[] = await tx.em.query(
        `INSERT INTO records_receipt (client_id, department_id, fiscal_year, serial, number, subject, received_on,
                                      sender, sender_number, sender_date, medium, reply_required, reply_due_on,
                                      binder_id, secret, secret_until, registered_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
        [
          input.clientId,
          departmentId,
          fiscalYear,
          serial,
          number,
          input.subject,
          input.receivedOn,
          input.sender,
          input.senderNumber ?? '',
          input.senderDate ?? null,
          input.medium ?? 'paper',
          input.replyRequired ?? false,
          input.replyRequired ? (input.replyDueOn ?? null) : null,
          binderId,
          secret,
          secret ? (input.secretUntil ?? null) : null,
          user.id,
        ],
      );
      await this.audit.append(tx, {
        type: 'records.receipt_registered',
        actorId: user.id,
        subject: row.id,
        data: { number, fiscalYear, departmentId, secret },
      });
      return row.id;
    });
    return this.get(user, id);
  }

  /** Corrects a receipt (its number and day of receipt never change). */
  async update(user: AuthUser, id: string, patch: UpdateReceipt): Promise<Receipt> {
    await this.uow.run(async (tx) => {
      const row = await this.lockVisible(tx, user, id);
      await this.policy.requireReceiver(user, row);
      if (patch.binderId !== undefined) await requireActiveBinder(tx.em, patch.binderId, row.department_id);
      const next = {
        subject: patch.subject ?? row.subject,
        sender: patch.sender ?? row.sender,
        sender_number: patch.senderNumber ?? row.sender_number,
        sender_date: patch.senderDate !== undefined ? patch.senderDate : row.sender_date,
        medium: patch.medium ?? row.medium,
        reply_required: patch.replyRequired ?? row.reply_required,
        reply_due_on: patch.replyDueOn !== undefined ? patch.replyDueOn : row.reply_due_on,
        binder_id: patch.binderId !== undefined ? patch.binderId : row.binder_id,
        secret: patch.secret ?? row.secret,
        secret_until: patch.secretUntil !== undefined ? patch.secretUntil : row.secret_until,
      };
      if (!next.reply_required) next.reply_due_on = null;
      if (!next.secret) next.secret_until = null;
      if (next.reply_required && !next.reply_due_on)
        throw ValidationFailedException.because('replyDueOn', 'reply_due_required');
      if (next.sender_date && next.sender_date > row.received_on)
        throw ValidationFailedException.because('senderDate', 'sender_date_after_receipt');
      if (next.reply_due_on && next.reply_due_on < row.received_on)
        throw ValidationFailedException.because('replyDueOn', 'reply_due_before_receipt');
      await tx.em.query(
        `UPDATE records_receipt SET subject = $2, sender = $3, sender_number = $4, sender_date = $5, medium = $6,
                reply_required = $7, reply_due_on = $8, binder_id = $9, secret = $10, secret_until = $11,
                updated_at = now()
          WHERE id = $1`,
        [
          id,
          next.subject,
          next.sender,
          next.sender_number,
          next.sender_date,
          next.medium,
          next.reply_required,
          next.reply_due_on,
          next.binder_id,
          next.secret,
          next.secret_until,
        ],
      );
      await this.audit.append(tx, {
        type: 'records.receipt_updated',
        actorId: user.id,
        subject: id,
        data: { fields: Object.keys(patch), secret: next.secret, secretUntil: next.secret_until },
      });
    });
    return this.get(user, id);
  }

  /** Adds a scan or a received file (PDF, office documents, images), up to `RECEIPT_FILES_MAX`. */
  async addFile(user: AuthUser, id: string, upload: UploadedFile | undefined): Promise<Receipt> {
    await this.uow.run(async (tx) => {
      const row = await this.lockVisible(tx, user, id);
      await this.policy.requireReceiver(user, row);
      const [{ count }]: { count: number }[] = await tx.em.query(
        `SELECT count(*)::int AS count FROM records_receipt_file WHERE receipt_id = $1`,
        [id],
      );
      if (count >= RECEIPT_FILES_MAX) throw new AppException('records/receipt_files_full');
      const file = await this.files.save(
        tx.em,
        upload,
        {
          purpose: RECEIPT_FILE_PURPOSE,
          maxBytes: RECEIPT_FILE_MAX_BYTES,
          allowedTypes: APPROVAL_ATTACHMENT_TYPES,
          image: { maxSide: 6000, format: upload && /\.png$/i.test(upload.originalname) ? 'png' : 'jpeg' },
        },
        user.id,
      );
      await tx.em.query(
        `INSERT INTO records_receipt_file (receipt_id, file_id, position, added_by) VALUES ($1, $2, $3, $4)`,
        [id, file.id, count + 1, user.id],
      );
      await this.audit.append(tx, {
        type: 'records.receipt_file_added',
        actorId: user.id,
        subject: id,
        data: { fileId: file.id, name: file.name, sha256: file.sha256, size: file.size },
      });
    });
    return this.get(user, id);
  }

  /**
   * 供覧 (`circulation`: the town's 供覧 template, acknowledged up the department) or 起案 (`reply`: the general
   * template, a reply or a decision) from a receipt: a draft of the person's, linked back to the receipt, with
   * its subject, sender and files, secret when the receipt is, and filed in the receipt's binder when that is
   * the drafter's department's.
   */
  async start(user: AuthUser, id: string, kind: 'circulation' | 'reply'): Promise<string> {
    return this.uow.run(async (tx) => {
      const row = (await this.lockVisible(tx, user, id)) as ReceiptRow;
      const code = kind === 'circulation' ? 'CIRCULATION' : 'GENERAL';
      const [template]: { id: string }[] = await tx.em.query(
        `SELECT id FROM approval_template
          WHERE active AND kind = $2 AND NOT financial
          ORDER BY (code = $1) DESC, sort_order, created_at LIMIT 1`,
        [code, kind === 'circulation' ? 'circulation' : 'decision'],
      );
      if (!template) throw new AppException('approval/template_not_found');
      const today = tokyoDate();
      const department = await this.orgChart.primaryDepartmentOf(user.id, today);
      const facts = [
        `収受番号: ${row.number}（${row.received_on} 収受）`,
        `発信者: ${row.sender}${row.sender_number ? ` ${row.sender_number}` : ''}${row.sender_date ? `（${row.sender_date}付）` : ''}`,
        ...(row.reply_due_on ? [`回答期限: ${row.reply_due_on}`] : []),
      ].join('\n');
      const documentId = await this.drafts.create(user, {
        templateId: template.id,
        title: kind === 'circulation' ? row.subject : `${row.subject}（回答）`,
        body:
          kind === 'circulation'
            ? `標記の文書を収受しましたので、供覧します。\n\n${facts}`
            : `標記の件について、次のとおり回答してよろしいか伺います。\n\n${facts}`,
        fields: kind === 'circulation' ? { sender: row.sender, receivedOn: row.received_on } : {},
        disclosure: 'public',
        classification: '',
        plannedEnforcementOn: null,
        counterparty: null,
        amount: null,
        consultations: [],
        reviewers: [],
        secret: row.secret,
        secretUntil: row.secret ? row.secret_until : null,
        binderId: row.binder_id && department === row.department_id ? row.binder_id : null,
      });
      const files: { file_id: string }[] = await tx.em.query(
        `SELECT file_id FROM records_receipt_file WHERE receipt_id = $1 ORDER BY position`,
        [id],
      );
      await this.attachments.copyFiles(
        tx,
        documentId,
        files.map((f) => f.file_id),
        user,
      );
      await tx.em.query(
        `INSERT INTO records_receipt_link (receipt_id, document_id, kind, created_by) VALUES ($1, $2, $3, $4)`,
        [id, documentId, kind, user.id],
      );
      await this.audit.append(tx, {
        type: 'records.receipt_started',
        actorId: user.id,
        subject: id,
        data: { documentId, kind },
      });
      return documentId;
    });
  }

  /** Marks a receipt answered by hand (by telephone, or a document outside Ringi), or opens it again (null). */
  async markReplied(user: AuthUser, id: string, repliedOn: string | null): Promise<Receipt> {
    await this.uow.run(async (tx) => {
      const row = await this.lockVisible(tx, user, id);
      await this.policy.requireReceiver(user, row);
      if (repliedOn && repliedOn > tokyoDate()) throw new AppException('records/received_in_future');
      await tx.em.query(`UPDATE records_receipt SET replied_on = $2, updated_at = now() WHERE id = $1`, [
        id,
        repliedOn,
      ]);
      await this.audit.append(tx, {
        type: 'records.receipt_replied',
        actorId: user.id,
        subject: id,
        data: { repliedOn, by: 'hand' },
      });
    });
    return this.get(user, id);
  }

  /** A reply 起案 made from a receipt that is decided answers the receipt (on the day of the decision). */
  @OnEvent(APPROVAL_STATUS_CHANGED, { async: true, promisify: true })
  async onStatusChanged(event: ApprovalStatusChangedEvent): Promise<void> {
    if (event.to !== 'decided' && event.to !== 'completed') return;
    await this.uow.runRetrying(async (tx) => {
      const answered: { id: string }[] = await tx.em.query(
        `WITH done AS (
           UPDATE records_receipt r SET replied_on = $2, updated_at = now()
             FROM records_receipt_link l
            WHERE l.receipt_id = r.id AND l.document_id = $1 AND l.kind = 'reply'
              AND r.reply_required AND r.replied_on IS NULL
           RETURNING r.id)
         SELECT id FROM done`,
        [event.documentId, tokyoDate()],
      );
      for (const { id } of answered)
        await this.audit.append(tx, {
          type: 'records.receipt_replied',
          actorId: event.actorId,
          subject: id,
          data: { repliedOn: tokyoDate(), by: 'document', documentId: event.documentId },
        });
    });
  }

  /**
   * The register a person's receipts go in: that of their 本務 department's unit (the 課 above a 係), the same
   * unit whose prefix the numbers take, so no two registers share a prefix.
   */
  private async receivingUnit(userId: string, on: string): Promise<string> {
    const primary = await this.orgChart.primaryDepartmentOf(userId, on);
    if (!primary) throw new AppException('records/no_department');
    const chain = await this.orgChart.departmentChain(primary, on);
    return (chain.find((d) => d.kind !== 'section') ?? chain[0])?.id ?? primary;
  }

  private async row(id: string, tx?: Tx): Promise<ReceiptRow | undefined> {
    const rows: ReceiptRow[] = await (tx ? tx.em.query.bind(tx.em) : this.uow.query.bind(this.uow))(
      `SELECT ${RECEIPT_COLUMNS} FROM ${RECEIPT_FROM} WHERE r.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** The receipt under its row lock, if this person may see it. */
  private async lockVisible(tx: Tx, user: AuthUser, id: string): Promise<ReceiptRow> {
    await tx.em.query(`SELECT id FROM records_receipt WHERE id = $1 FOR UPDATE`, [id]);
    return (await this.policy.requireVisible(user, await this.row(id, tx))) as ReceiptRow;
  }

  private async view(user: AuthUser, row: ReceiptRow): Promise<Receipt> {
    const files: {
      id: string;
      name: string;
      mime_type: string;
      size_bytes: string;
      sha256: string;
      disposed_at: Date | null;
    }[] = await this.uow.query(
      `SELECT s.id, s.name, s.mime_type, s.size_bytes, s.sha256, s.disposed_at
         FROM records_receipt_file f JOIN stored_file s ON s.id = f.file_id
        WHERE f.receipt_id = $1 ORDER BY f.position`,
      [row.id],
    );
    // Only the 供覧/起案 this person may see are named.
    const params: unknown[] = [row.id];
    const visible = await this.documents.visibleSql(user, 'd', params);
    const links: {
      kind: 'circulation' | 'reply';
      id: string;
      title: string;
      number: string | null;
      status: string;
    }[] = await this.uow.query(
      `SELECT l.kind, d.id, d.title, d.number, d.status
           FROM records_receipt_link l JOIN approval_document d ON d.id = l.document_id
          WHERE l.receipt_id = $1 AND ${visible} ORDER BY l.created_at`,
      params,
    );
    const departments = user.role === 'admin' ? [] : await this.policy.departmentsOf(user.id);
    return {
      ...receiptSummary(row),
      files: files.map((f) => ({
        id: f.id,
        name: f.name,
        mimeType: f.mime_type,
        size: Number(f.size_bytes),
        sha256: f.sha256.trim(),
        disposed: f.disposed_at !== null,
      })),
      links: links.map((l) => ({
        kind: l.kind,
        documentId: l.id,
        title: l.title,
        number: l.number,
        status: l.status,
      })),
      canEdit:
        user.role === 'admin' || row.registered_by === user.id || departments.includes(row.department_id),
    };
  }
}
