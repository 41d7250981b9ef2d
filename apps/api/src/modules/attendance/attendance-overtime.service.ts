import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type {
  CreateOvertimeRequest,
  MyOvertime,
  OvertimeFindingView,
  OvertimeRequestResult,
  OvertimeReport,
  OvertimeRequestView,
} from '@ringi/contracts';
import {
  assessOvertime,
  checkOvertime,
  fiscalYearMonths,
  fiscalYearOf,
  monthlyTotals,
  tokyoDate,
  annualReport,
  type OvertimeFinding,
  type OvertimeMonth,
  type PersonOvertimeHistory,
} from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { APPROVAL_STATUS_CHANGED, type ApprovalStatusChangedEvent } from '../approvals/approvals.events';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgChartService } from '../org/org-chart.service';
import { AttendanceMonthLock } from './attendance-month-lock';
import { AttendanceSettingsService } from './attendance-settings.service';
import { AttendanceApprovals, requestStatusOf } from './attendance-approvals';

/** The approval template that decides overtime (seeded as 時間外勤務命令). */
const OVERTIME_TEMPLATE = 'OVERTIME';

interface RequestRow {
  id: string;
  work_date: string;
  planned_minutes: number;
  actual_minutes: number | null;
  reason: string;
  special: boolean;
  status: OvertimeRequestView['status'];
  approval_document_id: string | null;
  created_at: Date;
}

const toView = (r: RequestRow): OvertimeRequestView => ({
  id: r.id,
  workDate: r.work_date,
  plannedMinutes: r.planned_minutes,
  actualMinutes: r.actual_minutes,
  reason: r.reason,
  special: r.special,
  status: r.status,
  approvalDocumentId: r.approval_document_id,
  createdAt: r.created_at.toISOString(),
});

const findingView = (f: OvertimeFinding): OvertimeFindingView => ({
  kind: f.kind,
  level: f.level,
  limit: f.limit,
  span: f.span,
  month: f.month,
  unit: f.unit,
  value: f.value,
  limitValue: f.limitValue,
  analysisRequired: f.analysisRequired,
});

const hm = (minutes: number) => `${Math.floor(minutes / 60)}時間${minutes % 60 ? `${minutes % 60}分` : ''}`;

/**
 * Overtime (時間外勤務): ordered or requested before the work, checked against the 2019 limits by the rules of
 * @ringi/domain (a request past a limit is refused unless it is 特例業務), decided through the approval route as a
 * 時間外勤務命令, and the minutes worked reported after. Totals are derived from the approved requests of the
 * person (wherever they were posted), never stored. A request that brings a limit near or to it warns the person
 * and their chief. A month falls under the 他律 limits when the person's department is designated for 他律的業務.
 */
@Injectable()
export class AttendanceOvertimeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly approvals: AttendanceApprovals,
    private readonly notifications: NotificationsService,
    private readonly orgChart: OrgChartService,
    private readonly settings: AttendanceSettingsService,
    private readonly monthLock: AttendanceMonthLock,
  ) {}

  async mine(user: AuthUser, today = tokyoDate()): Promise<MyOvertime> {
    const { overtime: rules } = await this.settings.rules();
    const history = await this.history(user.id, today, false);
    const month = today.slice(0, 7);
    const regime = history.find((m) => m.month === month)?.regime ?? 'ordinary';
    const fiscalYear = fiscalYearOf(today);
    const rows: RequestRow[] = await this.uow.query(
      `SELECT id, work_date::text, planned_minutes, actual_minutes, reason, special, status, approval_document_id,
              created_at
         FROM overtime_request WHERE user_id = $1 ORDER BY work_date DESC, created_at DESC LIMIT 100`,
      [user.id],
    );
    return {
      month,
      fiscalYear,
      monthMinutes: history.find((m) => m.month === month)?.minutes ?? 0,
      yearMinutes: history
        .filter((m) => fiscalYearMonths(fiscalYear).includes(m.month))
        .reduce((sum, m) => sum + m.minutes, 0),
      monthLimitMinutes:
        regime === 'ordinary' ? rules.limits.ordinary.monthlyMax : rules.limits.otherDirected.monthlyBelow,
      yearLimitMinutes:
        regime === 'ordinary' ? rules.limits.ordinary.yearlyMax : rules.limits.otherDirected.yearlyMax,
      regime,
      findings: assessOvertime(rules, history)
        .filter((f) => f.month === month)
        .map(findingView),
      requests: rows.map(toView),
    };
  }

  async request(user: AuthUser, body: CreateOvertimeRequest): Promise<OvertimeRequestResult> {
    const special = body.special ?? false;
    const result = await this.uow.run(async (tx) => {
      await tx.em.query(`SELECT pg_advisory_xact_lock(hashtext('overtime:' || $1::text))`, [user.id]);
      await this.monthLock.assertOpen(tx, user.id, body.workDate);
      // What is approved or on its route counts: two requests at once cannot both pass a limit.
      const { overtime: rules } = await this.settings.rules();
      const history = await this.history(user.id, body.workDate, true);
      const findings = checkOvertime(rules, history, {
        date: body.workDate,
        minutes: body.minutes,
        special,
        regime: history.find((m) => m.month === body.workDate.slice(0, 7))?.regime ?? 'ordinary',
      });
      if (findings.some((f) => f.kind === 'violation'))
        throw new AppException('attendance/overtime_over_limit');
      const documentId = await this.approvals.submit(tx, user, OVERTIME_TEMPLATE, {
        title: `時間外勤務 ${body.workDate}（${hm(body.minutes)}）${special ? '【特例業務】' : ''}`,
        body: body.reason,
        fields: {
          workDate: body.workDate,
          hours: Math.round((body.minutes / 60) * 100) / 100,
          reason: body.reason,
        },
      });
      const [row]: RequestRow[] = await tx.em.query(
        `INSERT INTO overtime_request (user_id, work_date, planned_minutes, reason, special, approval_document_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, work_date::text, planned_minutes, actual_minutes, reason, special, status,
                   approval_document_id, created_at`,
        [user.id, body.workDate, body.minutes, body.reason, special, documentId],
      );
      const due = findings.filter((f) => f.due);
      if (due.length) await this.warn(tx, user.id, body.workDate, due);
      return { request: toView(row!), findings: findings.map(findingView) };
    });
    return result;
  }

  /** The minutes actually worked, reported on or after the day of approved overtime. */
  async report(user: AuthUser, id: string, minutes: number, today = tokyoDate()): Promise<MyOvertime> {
    await this.uow.run(async (tx) => {
      const [row]: { id: string; reportable: boolean; work_date: string }[] = await tx.em.query(
        `SELECT id, status = 'approved' AND work_date <= $3 AS reportable, work_date::text FROM overtime_request
          WHERE id = $1 AND user_id = $2`,
        [id, user.id, today],
      );
      if (!row) throw new AppException('attendance/overtime_not_found');
      if (!row.reportable) throw new AppException('attendance/overtime_not_reportable');
      await this.monthLock.assertOpen(tx, user.id, row.work_date);
      await tx.em.query(
        `UPDATE overtime_request SET actual_minutes = $2, reported_at = now() WHERE id = $1`,
        [id, minutes],
      );
    });
    return this.mine(user, today);
  }

  /**
   * The town's yearly overtime report (時間外勤務の状況) for a fiscal year: everyone with overtime in it, from the
   * same approved requests and regimes as each person's own totals (`annualReport` of @ringi/domain).
   */
  async yearReport(fiscalYear: number, today = tokyoDate()): Promise<OvertimeReport> {
    const { overtime: rules } = await this.settings.rules();
    const months = fiscalYearMonths(fiscalYear);
    const end = `${months[11]}-31` < today ? `${months[11]}-31` : today; // March has 31 days
    const people: { user_id: string; name: string; department: string | null }[] = await this.uow.query(
      `SELECT u.id AS user_id, u.family_name || ' ' || u.given_name AS name,
              (SELECT COALESCE((SELECT v.name FROM department_version v WHERE v.department_id = d.id
                                   AND v.valid_from <= $3 ORDER BY v.valid_from DESC LIMIT 1), d.name)
                 FROM membership m JOIN department d ON d.id = m.department_id
                WHERE m.user_id = u.id AND m.is_primary AND m.valid_from <= $3
                ORDER BY m.valid_from DESC LIMIT 1) AS department
         FROM app_user u
        WHERE EXISTS (SELECT 1 FROM overtime_request r WHERE r.user_id = u.id AND r.status = 'approved'
                         AND r.work_date BETWEEN $1 AND $2)
        ORDER BY u.staff_number`,
      [`${months[0]}-01`, `${months[11]}-31`, end],
    );
    const histories: PersonOvertimeHistory[] = [];
    for (const p of people)
      histories.push({ personId: p.user_id, history: await this.history(p.user_id, end, false) });
    const report = annualReport(rules, fiscalYear, histories);
    return {
      fiscalYear,
      people: report.people.map((line, i) => ({
        userId: line.personId,
        name: people[i]!.name,
        departmentName: people[i]!.department ?? '',
        yearMinutes: line.totalMinutes,
        specialMinutes: line.specialMinutes,
        busyMonths: line.busyMonths,
        largestMonthMinutes: line.largestMonth?.minutes ?? 0,
        worstAverageMinutes: line.worstAverage?.minutes ?? null,
        otherDirectedMonths: line.otherDirectedMonths.length,
        violations: line.violations.length,
        exceededUnderSpecial: line.exceededUnderSpecial.length,
      })),
      peopleWithViolations: report.peopleWithViolations,
      peopleExceededUnderSpecial: report.peopleExceededUnderSpecial,
    };
  }

  @OnEvent(APPROVAL_STATUS_CHANGED, { async: true, promisify: true })
  async onDocumentStatus(event: ApprovalStatusChangedEvent): Promise<void> {
    const status = requestStatusOf(event.to);
    if (!status || status === 'pending') return;
    await this.uow.query(
      `UPDATE overtime_request SET status = $2, decided_at = now() WHERE approval_document_id = $1 AND status <> $2`,
      [event.documentId, status],
    );
  }

  /**
   * The person's overtime month by month over the fiscal year before and the one of `date`, up to its month:
   * approved requests (actual minutes once reported), and with `withPending` those still on their route.
   */
  private async history(userId: string, date: string, withPending: boolean): Promise<OvertimeMonth[]> {
    const fiscalYear = fiscalYearOf(date);
    const months = [...fiscalYearMonths(fiscalYear - 1), ...fiscalYearMonths(fiscalYear)].filter(
      (m) => m <= date.slice(0, 7),
    );
    const rows: { work_date: string; minutes: number; special: boolean }[] = await this.uow.query(
      `SELECT work_date::text, COALESCE(actual_minutes, planned_minutes) AS minutes, special FROM overtime_request
        WHERE user_id = $1 AND work_date >= $2
          AND work_date <= (date_trunc('month', $3::date) + interval '1 month - 1 day')::date
          AND status = ANY($4)`,
      [userId, `${months[0]}-01`, date, withPending ? ['approved', 'pending'] : ['approved']],
    );
    const totals = monthlyTotals(
      rows.map((r) => ({ date: r.work_date, minutes: r.minutes, special: r.special })),
    );
    const regimes = await this.settings.regimes(userId, months, date);
    return months.map((month) => {
      const t = totals.find((x) => x.month === month);
      return {
        month,
        regime: regimes.get(month) ?? 'ordinary',
        minutes: t?.minutes ?? 0,
        specialMinutes: t?.specialMinutes ?? 0,
      };
    });
  }

  /** The person and the head of their department are told that a limit is near or reached. */
  private async warn(
    tx: Parameters<Parameters<UnitOfWork['run']>[0]>[0],
    userId: string,
    date: string,
    due: OvertimeFinding[],
  ): Promise<void> {
    const department = await this.orgChart.primaryDepartmentOf(userId, date);
    const head = department ? await this.orgChart.headOf(department, date) : null;
    const [person]: { name: string }[] = await tx.em.query(
      `SELECT family_name || ' ' || given_name AS name FROM app_user WHERE id = $1`,
      [userId],
    );
    const limitJa = {
      monthly: '月の上限',
      yearly: '年間の上限',
      average: '複数月平均の上限',
      busy_months: '月45時間超の回数',
    };
    const limitEn = {
      monthly: 'monthly limit',
      yearly: 'yearly limit',
      average: 'average limit',
      busy_months: 'count of months over 45 h',
    };
    const worst = due[0]!;
    const levelJa =
      worst.level === 'before'
        ? 'に近づいています'
        : worst.level === 'reached'
          ? 'に達しました'
          : 'を超えました';
    const levelEn =
      worst.level === 'before' ? 'is near' : worst.level === 'reached' ? 'is reached' : 'is passed';
    const value = worst.unit === 'months' ? `${worst.value}回` : hm(worst.value);
    await this.notifications.notify(tx, {
      userIds: [...new Set([userId, ...(head?.holders ?? [])])],
      kind: 'attendance.overtime_warning',
      title: {
        ja: `時間外勤務が${limitJa[worst.limit]}${levelJa}（${person?.name ?? ''}）`,
        en: `Overtime: the ${limitEn[worst.limit]} ${levelEn} (${person?.name ?? ''})`,
      },
      body: { ja: `${worst.month}：${value}`, en: `${worst.month}: ${value}` },
      link: '/attendance',
    });
  }
}
