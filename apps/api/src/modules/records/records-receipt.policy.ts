import { Injectable } from '@nestjs/common';
import { isSecretOn, tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { ApprovalDocumentPolicy } from '../approvals/approval-document.policy';

/** What the policy needs of a receipt row. */
export interface ReceiptAccessRow {
  id: string;
  department_id: string;
  registered_by: string;
  secret: boolean;
  secret_until: string | null;
}

/**
 * The one place that decides who may find or open a received document (収受) and its files: administrators; the
 * person who registered it; the staff of the receiving department (its 課, and the 係 below it; 本務 or 兼務, on the
 * day), unless it is secret
 * (秘文書, until its 時限秘 date); and whoever may see a 供覧 or 起案 made from it (its route, by the document
 * policy). Everyone else is told it does not exist (404). Only the receiving department's staff and
 * administrators may change it.
 */
@Injectable()
export class RecordsReceiptPolicy {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly documents: ApprovalDocumentPolicy,
  ) {}

  /**
   * The departments whose receipts a person's department sees today: those they belong to (本務 and 兼務) and
   * every one above them (a 係's staff see their 課's register).
   */
  async departmentsOf(userId: string, on: string = tokyoDate()): Promise<string[]> {
    const rows: { id: string }[] = await this.uow.query(
      `WITH RECURSIVE up AS (
         SELECT m.department_id AS id, 0 AS depth FROM membership m
          WHERE m.user_id = $1 AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)
         UNION
         SELECT v.parent_id, up.depth + 1 FROM department_version v JOIN up ON v.department_id = up.id
          WHERE v.parent_id IS NOT NULL AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)
            AND up.depth < 20)
       SELECT DISTINCT id FROM up`,
      [userId, on],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The same rule as `canSee`, as a condition on the `records_receipt` row aliased `alias`: appends its values to
   * `params` and answers the SQL fragment.
   */
  async visibleSql(user: AuthUser, alias: string, params: unknown[]): Promise<string> {
    if (user.role === 'admin') return 'TRUE';
    const param = (value: unknown) => `$${params.push(value)}`;
    const r = alias;
    const departments = await this.departmentsOf(user.id);
    const linked = await this.documents.visibleSql(user, 'rd', params);
    return `(${r}.registered_by = ${param(user.id)}
      OR (${r}.department_id = ANY(${param(departments)}::uuid[])
          AND NOT (${r}.secret AND (${r}.secret_until IS NULL OR ${r}.secret_until >= ${param(tokyoDate())}::date)))
      OR EXISTS (SELECT 1 FROM records_receipt_link rl JOIN approval_document rd ON rd.id = rl.document_id
                  WHERE rl.receipt_id = ${r}.id AND ${linked}))`;
  }

  async canSee(user: AuthUser, receipt: ReceiptAccessRow): Promise<boolean> {
    if (user.role === 'admin' || receipt.registered_by === user.id) return true;
    const today = tokyoDate();
    if (
      !isSecretOn({ secret: receipt.secret, secretUntil: receipt.secret_until }, today) &&
      (await this.departmentsOf(user.id, today)).includes(receipt.department_id)
    )
      return true;
    const params: unknown[] = [receipt.id];
    const linked = await this.documents.visibleSql(user, 'd', params);
    const [row]: { ok: boolean }[] = await this.uow.query(
      `SELECT TRUE AS ok FROM records_receipt_link l JOIN approval_document d ON d.id = l.document_id
        WHERE l.receipt_id = $1 AND ${linked} LIMIT 1`,
      params,
    );
    return !!row;
  }

  /** Throws `records/receipt_not_found` unless the person may see it. */
  async requireVisible(user: AuthUser, receipt: ReceiptAccessRow | undefined): Promise<ReceiptAccessRow> {
    if (!receipt || !(await this.canSee(user, receipt))) throw new AppException('records/receipt_not_found');
    return receipt;
  }

  /** Changing a receipt: the receiving department's staff (本務 or 兼務) and administrators. */
  async requireReceiver(user: AuthUser, receipt: ReceiptAccessRow): Promise<void> {
    if (user.role === 'admin' || receipt.registered_by === user.id) return;
    if (!(await this.departmentsOf(user.id)).includes(receipt.department_id))
      throw new AppException('records/not_receiver');
  }
}
