import { Injectable } from '@nestjs/common';
import {
  RECORDS_DASHBOARD_CSV_COLUMNS,
  type Binder,
  type DashboardFigures,
  type DashboardMonth,
  type RecordsDashboard,
  type ReceiptSummary,
} from '@ringi/contracts';
import { fiscalYearMonths, fiscalYearOf, tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { ApprovalDocumentPolicy } from '../approvals/approval-document.policy';
import { OrgChartService } from '../org/org-chart.service';
import { RecordsReceiptPolicy } from './records-receipt.policy';

/** How many documents waiting, replies overdue and binders due the dashboard lists. */
const WAITING_LIMIT = 10;
const OVERDUE_LIMIT = 20;
const DUE_LIMIT = 50;

/** Who may see which departments' figures, for a 年度. */
interface DashboardScope {
  /** The departments the person may choose, by name. */
  allowed: { id: string; name: string }[];
  /** The departments the figures are about (the chosen one and those below, or all allowed). */
  chosen: string[];
}

interface FiguresRow {
  month: string | null;
  department_id: string | null;
  g: number;
  electronic: number;
  paper: number;
  median: number | null;
  max: number | null;
}

const hours = (h: number | null) => (h === null ? null : Math.round(Number(h) * 10) / 10);

function figures(row: FiguresRow | undefined): DashboardFigures {
  const electronic = row?.electronic ?? 0;
  const paper = row?.paper ?? 0;
  return {
    electronic,
    paper,
    electronicRate: electronic + paper ? electronic / (electronic + paper) : null,
    leadTimeMedianHours: hours(row?.median ?? null),
    leadTimeMaxHours: hours(row?.max ?? null),
  };
}

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * 文書管理の集計: per department and month of a 年度, the decisions made electronically and on paper (電子決裁率,
 * 供覧 not counted) and the lead time from 起案 to 決裁; the documents waiting longest, the replies overdue and
 * the binders due at the end of the present 年度. For administrators (every department) and heads of departments
 * (theirs and those below, as `OrgChartService.headOf` names them today); everyone else
 * `records/dashboard_not_allowed`. The lists only hold what the person may see (the document and receipt policies).
 */
@Injectable()
export class RecordsDashboardService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly orgChart: OrgChartService,
    private readonly documents: ApprovalDocumentPolicy,
    private readonly receipts: RecordsReceiptPolicy,
  ) {}

  async dashboard(user: AuthUser, fiscalYear?: number, departmentId?: string): Promise<RecordsDashboard> {
    const today = tokyoDate();
    const year = fiscalYear ?? fiscalYearOf(today);
    const scope = await this.scope(user, year, today, departmentId);
    const names = new Map(scope.allowed.map((d) => [d.id, d.name]));
    const rows = await this.figures(scope.chosen, year);
    const months: DashboardMonth[] = rows
      .filter((r) => r.g === 0)
      .map((r) => ({
        month: r.month as string,
        departmentId: r.department_id as string,
        departmentName: names.get(r.department_id as string) ?? '',
        ...figures(r),
      }));
    const order = new Map(scope.allowed.map((d, i) => [d.id, i]));
    months.sort(
      (a, b) =>
        a.month.localeCompare(b.month) || (order.get(a.departmentId) ?? 0) - (order.get(b.departmentId) ?? 0),
    );
    const perMonth = new Map(rows.filter((r) => r.g === 1).map((r) => [r.month, r]));
    const byDepartment = rows
      .filter((r) => r.g === 2)
      .map((r) => ({
        departmentId: r.department_id as string,
        departmentName: names.get(r.department_id as string) ?? '',
        ...figures(r),
      }))
      .sort(
        (a, b) =>
          (b.electronicRate ?? -1) - (a.electronicRate ?? -1) ||
          (order.get(a.departmentId) ?? 0) - (order.get(b.departmentId) ?? 0),
      );
    const [waitingLongest, repliesOverdue, dueForDisposal] = await Promise.all([
      this.waitingLongest(user, scope.chosen, today),
      this.repliesOverdue(user, scope.chosen, today),
      this.dueForDisposal(scope.chosen, today),
    ]);
    return {
      fiscalYear: year,
      departments: scope.allowed,
      months,
      byMonth: fiscalYearMonths(year).map((month) => ({ month, ...figures(perMonth.get(month)) })),
      byDepartment,
      totals: figures(rows.find((r) => r.g === 3)),
      waitingLongest,
      repliesOverdue,
      dueForDisposal,
    };
  }

  /** The per-department-month rows as CSV (UTF-8 with BOM, so Excel opens it in Japanese). */
  async csv(
    user: AuthUser,
    fiscalYear?: number,
    departmentId?: string,
  ): Promise<{ filename: string; body: Buffer }> {
    const today = tokyoDate();
    const year = fiscalYear ?? fiscalYearOf(today);
    const scope = await this.scope(user, year, today, departmentId);
    const names = new Map(scope.allowed.map((d) => [d.id, d.name]));
    const order = new Map(scope.allowed.map((d, i) => [d.id, i]));
    const rows = (await this.figures(scope.chosen, year))
      .filter((r) => r.g === 0)
      .sort(
        (a, b) =>
          (a.month ?? '').localeCompare(b.month ?? '') ||
          (order.get(a.department_id ?? '') ?? 0) - (order.get(b.department_id ?? '') ?? 0),
      )
      .map((r) => {
        const f = figures(r);
        return [
          r.month,
          names.get(r.department_id ?? '') ?? '',
          f.electronic,
          f.paper,
          f.electronicRate === null ? null : Math.round(f.electronicRate * 1000) / 10,
          f.leadTimeMedianHours,
          f.leadTimeMaxHours,
        ];
      });
    const lines = [[...RECORDS_DASHBOARD_CSV_COLUMNS], ...rows].map((r) => r.map(csvField).join(','));
    return {
      filename: `文書管理集計_${year}年度.csv`,
      body: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
    };
  }

  /**
   * The departments a person may see the figures of in a 年度, and those chosen: administrators every department
   * existing in the year; a head of department (today) theirs and those below; a department asked for that is not
   * among them → `records/dashboard_not_allowed`.
   */
  private async scope(
    user: AuthUser,
    year: number,
    today: string,
    departmentId?: string,
  ): Promise<DashboardScope> {
    const first = `${year}-04-01`;
    const last = `${year + 1}-03-31`;
    let ids: string[];
    if (user.role === 'admin') {
      const rows: { id: string }[] = await this.uow.query(
        `SELECT DISTINCT department_id::text AS id FROM department_version
          WHERE valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $1)`,
        [first, last],
      );
      ids = rows.map((r) => r.id);
    } else {
      const memberships: { id: string }[] = await this.uow.query(
        `SELECT DISTINCT department_id::text AS id FROM membership
          WHERE user_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)`,
        [user.id, today],
      );
      const roots: string[] = [];
      for (const { id } of memberships)
        if ((await this.orgChart.headOf(id, today))?.holders.includes(user.id)) roots.push(id);
      if (!roots.length) throw new AppException('records/dashboard_not_allowed');
      ids = await this.subtree(roots, first, last);
    }
    const allowed: { id: string; name: string }[] = await this.uow.query(
      `SELECT id::text AS id, name FROM department WHERE id = ANY($1::uuid[]) ORDER BY sort_order, code, id`,
      [ids],
    );
    if (departmentId === undefined) return { allowed, chosen: allowed.map((d) => d.id) };
    if (!allowed.some((d) => d.id === departmentId)) throw new AppException('records/dashboard_not_allowed');
    const inScope = new Set(allowed.map((d) => d.id));
    return {
      allowed,
      chosen: (await this.subtree([departmentId], first, last)).filter((id) => inScope.has(id)),
    };
  }

  /** The departments and every department below them at some time in the span, them included. */
  private async subtree(roots: string[], first: string, last: string): Promise<string[]> {
    const rows: { id: string }[] = await this.uow.query(
      `WITH RECURSIVE tree AS (
         SELECT unnest($1::uuid[]) AS id
         UNION
         SELECT v.department_id FROM department_version v JOIN tree ON v.parent_id = tree.id
          WHERE v.valid_from <= $3::date AND (v.valid_to IS NULL OR v.valid_to >= $2::date))
       SELECT id::text AS id FROM tree`,
      [roots, first, last],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Decisions (templates of kind `decision`: 供覧 is not counted) decided in the 年度 (Japan time), by department
   * and month, by month, by department and in all (`g`: the grouping, 0 = department × month, 1 = month,
   * 2 = department, 3 = all). Lead time only for electronic decisions.
   */
  private async figures(departments: string[], year: number): Promise<FiguresRow[]> {
    return this.uow.query(
      `WITH x AS (
         SELECT to_char(d.decided_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month,
                d.department_id,
                d.paper_reason IS NULL AS electronic,
                CASE WHEN d.paper_reason IS NULL AND d.submitted_at IS NOT NULL
                     THEN extract(epoch FROM d.decided_at - d.submitted_at) / 3600 END AS hours
           FROM approval_document d
           JOIN approval_template t ON t.id = d.template_id AND t.kind = 'decision'
          WHERE d.department_id = ANY($1::uuid[])
            AND d.decided_at >= $2::timestamptz AND d.decided_at < $3::timestamptz)
       SELECT month, department_id::text AS department_id, GROUPING(month, department_id)::int AS g,
              count(*) FILTER (WHERE electronic)::int AS electronic,
              count(*) FILTER (WHERE NOT electronic)::int AS paper,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median,
              max(hours)::float8 AS max
         FROM x
        GROUP BY GROUPING SETS ((month, department_id), (month), (department_id), ())`,
      [departments, `${year}-04-01T00:00:00+09:00`, `${year + 1}-04-01T00:00:00+09:00`],
    );
  }

  /** Documents on their route (in progress) the longest, of the departments, that the person may see. */
  private async waitingLongest(
    user: AuthUser,
    departments: string[],
    today: string,
  ): Promise<RecordsDashboard['waitingLongest']> {
    const params: unknown[] = [departments, today];
    const visible = await this.documents.visibleSql(user, 'd', params);
    const rows: {
      documentId: string;
      title: string;
      departmentName: string;
      submittedAt: Date;
      waitingDays: number;
    }[] = await this.uow.query(
      `SELECT d.id::text AS "documentId", d.title, dep.name AS "departmentName", d.submitted_at AS "submittedAt",
              ($2::date - (d.submitted_at AT TIME ZONE 'Asia/Tokyo')::date)::int AS "waitingDays"
         FROM approval_document d JOIN department dep ON dep.id = d.department_id
        WHERE d.status = 'in_progress' AND d.submitted_at IS NOT NULL AND d.department_id = ANY($1::uuid[])
          AND ${visible}
        ORDER BY d.submitted_at, d.id
        LIMIT ${WAITING_LIMIT}`,
      params,
    );
    return rows.map((r) => ({ ...r, submittedAt: new Date(r.submittedAt).toISOString() }));
  }

  /** Receipts of the departments past their reply deadline and not answered, that the person may see. */
  private async repliesOverdue(
    user: AuthUser,
    departments: string[],
    today: string,
  ): Promise<ReceiptSummary[]> {
    const params: unknown[] = [departments, today];
    const visible = await this.receipts.visibleSql(user, 'r', params);
    const rows: (Omit<ReceiptSummary, 'createdAt' | 'replyStatus' | 'medium'> & {
      medium: string;
      createdAt: Date;
    })[] = await this.uow.query(
      `SELECT r.id::text AS id, r.number, r.fiscal_year AS "fiscalYear", r.serial,
              r.department_id::text AS "departmentId", dep.name AS "departmentName", r.subject,
              r.received_on::text AS "receivedOn", r.sender, r.sender_number AS "senderNumber",
              r.sender_date::text AS "senderDate", r.medium, r.reply_required AS "replyRequired",
              r.reply_due_on::text AS "replyDueOn", r.replied_on::text AS "repliedOn", r.secret,
              r.secret_until::text AS "secretUntil", r.binder_id::text AS "binderId", b.title AS "binderTitle",
              r.registered_by::text AS "registeredBy", u.family_name || ' ' || u.given_name AS "registeredByName",
              r.created_at AS "createdAt"
         FROM records_receipt r
         JOIN department dep ON dep.id = r.department_id
         JOIN app_user u ON u.id = r.registered_by
         LEFT JOIN records_binder b ON b.id = r.binder_id
        WHERE r.reply_required AND r.replied_on IS NULL AND r.reply_due_on < $2::date
          AND r.department_id = ANY($1::uuid[]) AND ${visible}
        ORDER BY r.reply_due_on, r.received_on, r.id
        LIMIT ${OVERDUE_LIMIT}`,
      params,
    );
    return rows.map((r) => ({
      ...r,
      medium: r.medium === 'electronic' ? 'electronic' : 'paper',
      replyStatus: 'overdue',
      createdAt: new Date(r.createdAt).toISOString(),
    }));
  }

  /** Active binders of the departments whose retention ends by the end of the present 年度. */
  private async dueForDisposal(departments: string[], today: string): Promise<Binder[]> {
    const rows: (Omit<Binder, 'retention' | 'endAction' | 'status'> & {
      retention: Binder['retention'];
      endAction: Binder['endAction'];
      status: Binder['status'];
    })[] = await this.uow.query(
      `SELECT b.id::text AS id, b.fiscal_year AS "fiscalYear", b.department_id::text AS "departmentId",
              dep.name AS "departmentName", b.plan_item_id::text AS "planItemId", b.code,
              concat_ws(' / ', p.major, NULLIF(p.middle, ''), NULLIF(p.minor, '')) AS classification,
              b.title, b.retention, b.end_action AS "endAction", b.retention_ends_on::text AS "retentionEndsOn",
              b.status, b.extensions, b.extension_reason AS "extensionReason",
              b.disposal_list_id::text AS "disposalListId",
              (SELECT count(*)::int FROM approval_document d WHERE d.binder_id = b.id) AS "documentCount",
              (SELECT count(*)::int FROM records_receipt r WHERE r.binder_id = b.id) AS "receiptCount"
         FROM records_binder b
         JOIN records_file_plan_item p ON p.id = b.plan_item_id
         JOIN department dep ON dep.id = b.department_id
        WHERE b.status = 'active' AND b.retention_ends_on <= $2::date AND b.department_id = ANY($1::uuid[])
        ORDER BY b.retention_ends_on, b.code, b.fiscal_year, b.id
        LIMIT ${DUE_LIMIT}`,
      [departments, `${fiscalYearOf(today) + 1}-03-31`],
    );
    return rows;
  }
}
