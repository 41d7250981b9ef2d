import { Injectable } from '@nestjs/common';
import { TIMESHEET_EXPORT_COLUMNS, type TimesheetExportQuery, type TimesheetPerson } from '@ringi/contracts';
import { Workbook } from 'exceljs';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { AttendanceTimesheetPolicy } from './attendance-timesheet.policy';
import { AttendanceTimesheetsService, requireMonthInRange } from './attendance-timesheets.service';

export interface TimesheetFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** Hours with two decimals (7 h 45 min → 7.75), as payroll systems take them. */
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** One payroll row per person, in the order of `TIMESHEET_EXPORT_COLUMNS`. */
export function exportRow(month: string, p: TimesheetPerson, closed: boolean): (string | number)[] {
  return [
    month,
    p.staffNumber,
    p.name,
    p.departmentName,
    p.totals.daysWorked,
    hours(p.totals.workedMinutes),
    p.totals.leaveDays,
    hours(p.totals.leaveHourMinutes),
    hours(p.totals.overtimeMinutes),
    p.totals.teleworkDays,
    p.totals.specialLeaveDays,
    closed ? '済' : '未',
  ];
}

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const time = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(
        new Date(iso),
      )
    : '';

/**
 * The payroll export of a month (給与システム連携): a department (with those below it) or, for administrators, the
 * whole town, as CSV (UTF-8 with BOM, so Excel opens it in Japanese) or XLSX (exceljs: a totals sheet 「出勤簿」
 * with the same columns as the CSV and a day-by-day sheet 「日別」). Hours are decimal hours. Each export is
 * recorded in the audit chain.
 */
@Injectable()
export class AttendanceTimesheetExportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: AttendanceTimesheetPolicy,
    private readonly timesheets: AttendanceTimesheetsService,
    private readonly audit: AuditService,
  ) {}

  async export(user: AuthUser, query: TimesheetExportQuery): Promise<TimesheetFile> {
    const format = query.format ?? 'csv';
    const span = requireMonthInRange(query.month);
    let people: TimesheetPerson[];
    let closedIn: (departmentId: string | null) => boolean;
    if (query.departmentId) {
      await this.policy.requireDepartment(user, query.departmentId, span);
      const ids = await this.policy.subtree([query.departmentId], span);
      people = await this.timesheets.sheets(span, ids);
      const closed = (await this.timesheets.closeState(query.departmentId, span)).closed;
      closedIn = () => closed;
    } else {
      if (user.role !== 'admin') throw new AppException('attendance/timesheet_not_allowed');
      people = await this.timesheets.sheets(span, null);
      const rows: { department_id: string }[] = await this.uow.query(
        `SELECT department_id::text FROM attendance_month_close WHERE month = $1`,
        [span.first],
      );
      const closed = new Set(rows.map((r) => r.department_id));
      closedIn = (id) => !!id && closed.has(id);
    }
    const rows = people.map((p) => exportRow(query.month, p, closedIn(p.departmentId)));
    const base = `timesheet-${query.month}${query.departmentId ? '' : '-town'}`;
    const file =
      format === 'csv'
        ? {
            filename: `${base}.csv`,
            contentType: 'text/csv; charset=utf-8',
            body: Buffer.from(
              `\uFEFF${[[...TIMESHEET_EXPORT_COLUMNS], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`,
              'utf8',
            ),
          }
        : {
            filename: `${base}.xlsx`,
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            body: await this.xlsx(rows, people),
          };
    await this.uow.run((tx) =>
      this.audit.append(tx, {
        type: 'attendance.timesheet_exported',
        actorId: user.id,
        subject: query.departmentId ?? null,
        data: { month: query.month, format, people: people.length, bytes: file.body.length },
      }),
    );
    return file;
  }

  private async xlsx(rows: (string | number)[][], people: TimesheetPerson[]): Promise<Buffer> {
    const book = new Workbook();
    book.creator = 'Ringi';
    book.created = new Date();
    const totals = book.addWorksheet('出勤簿', { views: [{ state: 'frozen', ySplit: 1 }] });
    totals.addRow([...TIMESHEET_EXPORT_COLUMNS]).font = { bold: true };
    for (const row of rows) totals.addRow(row);
    totals.columns.forEach((c, i) => (c.width = i === 2 || i === 3 ? 18 : 12));
    const daily = book.addWorksheet('日別', { views: [{ state: 'frozen', ySplit: 1 }] });
    daily.addRow([
      '職員番号',
      '氏名',
      '日付',
      '区分',
      '出勤',
      '退勤',
      '勤務時間',
      '年休(時間)',
      '時間外予定(時間)',
      '時間外実績(時間)',
    ]).font = { bold: true };
    for (const p of people)
      for (const d of p.days.filter((x) => x.inScope)) {
        if (!d.in && !d.out && !d.leaveMinutes && !d.overtimePlannedMinutes) continue;
        daily.addRow([
          p.staffNumber,
          p.name,
          d.date,
          d.workingDay ? '勤務日' : (d.holidayName ?? '休日'),
          time(d.in),
          time(d.out),
          d.workedMinutes === null ? '' : hours(d.workedMinutes),
          hours(d.leaveMinutes),
          hours(d.overtimePlannedMinutes),
          d.overtimeActualMinutes === null ? '' : hours(d.overtimeActualMinutes),
        ]);
      }
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}
