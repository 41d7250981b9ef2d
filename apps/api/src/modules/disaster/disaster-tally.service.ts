import { Injectable } from '@nestjs/common';
import type {
  DisasterAnsweredEvent,
  DisasterCounts,
  DisasterStatus,
  DisasterTally,
  DisasterTallyDepartment,
  DisasterTallyPerson,
} from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { departmentsOnSql, primaryDepartmentsOnSql } from './disaster-org.sql';
import type { TallyScope } from './disaster.policy';

interface PersonRow {
  user_id: string;
  name: string;
  staff_number: string;
  department_id: string | null;
  department_name: string | null;
  status: DisasterStatus | null;
  note: string | null;
  answered_at: Date | null;
}

export const emptyCounts = (): DisasterCounts => ({
  safe: 0,
  need_help: 0,
  can_report: 0,
  unanswered: 0,
  total: 0,
});

function count(counts: DisasterCounts, status: DisasterStatus | null): void {
  counts[status ?? 'unanswered'] += 1;
  counts.total += 1;
}

const toPerson = (r: PersonRow): DisasterTallyPerson => ({
  userId: r.user_id,
  name: r.name,
  staffNumber: r.staff_number,
  status: r.status,
  note: r.note,
  answeredAt: r.answered_at?.toISOString() ?? null,
});

/**
 * The tally of a roll-call: every active member of staff (and anyone who answered and has left since), grouped
 * by their 本務 department today (people in no department last, as 所属なし), with their answer or none. Who may
 * read which part of it is the policy's (`TallyScope`); this service only reads.
 */
@Injectable()
export class DisasterTallyService {
  constructor(private readonly uow: UnitOfWork) {}

  private people(rollCallId: string, where: string, params: unknown[]): Promise<PersonRow[]> {
    return this.uow.query(
      `WITH dept AS (${departmentsOnSql('$2::date')}),
            pm AS (${primaryDepartmentsOnSql('$2::date')})
       SELECT u.id::text AS user_id, u.family_name || ' ' || u.given_name AS name, u.staff_number,
              pm.department_id::text AS department_id, COALESCE(dept.name, d.name) AS department_name,
              a.status, a.note, a.answered_at
         FROM app_user u
         LEFT JOIN pm ON pm.user_id = u.id
         LEFT JOIN department d ON d.id = pm.department_id
         LEFT JOIN dept ON dept.id = pm.department_id
         LEFT JOIN disaster_roll_call_answer a ON a.roll_call_id = $1 AND a.user_id = u.id
        WHERE (u.active OR a.user_id IS NOT NULL) AND ${where}
        ORDER BY pm.department_id IS NULL, d.sort_order, d.code, u.family_name_kana, u.given_name_kana,
                 u.staff_number`,
      [rollCallId, tokyoDate(), ...params],
    );
  }

  async tally(rollCallId: string, closedAt: Date | null, scope: TallyScope): Promise<DisasterTally> {
    const rows =
      scope.kind === 'all'
        ? await this.people(rollCallId, 'true', [])
        : await this.people(rollCallId, 'pm.department_id = ANY($3::uuid[])', [scope.departmentIds]);
    const counts = emptyCounts();
    const departments: DisasterTallyDepartment[] = [];
    const byId = new Map<string | null, DisasterTallyDepartment>();
    for (const row of rows) {
      let group = byId.get(row.department_id);
      if (!group) {
        group = {
          departmentId: row.department_id,
          departmentName: row.department_name,
          counts: emptyCounts(),
          people: [],
        };
        byId.set(row.department_id, group);
        departments.push(group);
      }
      group.people.push(toPerson(row));
      count(group.counts, row.status);
      count(counts, row.status);
    }
    return {
      rollCallId,
      scope: scope.kind,
      counts,
      departments,
      closedAt: closedAt?.toISOString() ?? null,
    };
  }

  /** One person's line of the tally (after they answered), with their department today. */
  async personLine(rollCallId: string, userId: string): Promise<DisasterAnsweredEvent | null> {
    const [row] = await this.people(rollCallId, 'u.id = $3::uuid', [userId]);
    if (!row) return null;
    return {
      rollCallId,
      departmentId: row.department_id,
      departmentName: row.department_name,
      person: toPerson(row),
    };
  }

  /** Every active member of staff (those told of a roll-call), but `except`. */
  async activeStaffIds(except?: string): Promise<string[]> {
    const rows: { id: string }[] = await this.uow.query(
      `SELECT id::text AS id FROM app_user WHERE active AND ($1::uuid IS NULL OR id <> $1::uuid)`,
      [except ?? null],
    );
    return rows.map((r) => r.id);
  }
}
