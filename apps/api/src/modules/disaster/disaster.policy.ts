import { Injectable } from '@nestjs/common';
import { tokyoDate } from '@ringi/domain';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { departmentsOnSql } from './disaster-org.sql';

/** Whose answers a person may see in the tally: everyone's, or those of people in some departments. */
export type TallyScope = { kind: 'all' } | { kind: 'departments'; departmentIds: string[] };

/**
 * The one place that decides who may do what with a roll-call (安否確認):
 * - start and close one: administrators;
 * - see the open and past roll-calls, their own answer, and answer: every active member of staff (signed in);
 * - see the tally with names: administrators, everyone; the head of a division or office (課長, 室長 …: the
 *   holder of the highest position held there today, as the org chart's `headOf`), the people whose 本務 is
 *   that department or a department below it (its 係). Heads of a section (係) alone see no tally: a 係 is
 *   checked on by its 課長.
 */
@Injectable()
export class DisasterPolicy {
  constructor(private readonly uow: UnitOfWork) {}

  canManage(user: AuthUser): boolean {
    return user.role === 'admin';
  }

  requireManager(user: AuthUser): void {
    if (!this.canManage(user)) throw new AppException('disaster/not_allowed');
  }

  /** The people whose answers the person may see; `departments` with no ids: nobody's. */
  async tallyScope(user: AuthUser, on = tokyoDate()): Promise<TallyScope> {
    if (user.role === 'admin') return { kind: 'all' };
    const rows: { id: string }[] = await this.uow.query(
      `WITH RECURSIVE dept AS (${departmentsOnSql('$2::date')}),
       headed AS (
         SELECT m.department_id AS id
           FROM membership m
           JOIN position p ON p.id = m.position_id
           JOIN dept ON dept.id = m.department_id AND dept.kind IN ('office', 'division')
          WHERE m.user_id = $1 AND m.valid_from <= $2::date AND (m.valid_to IS NULL OR m.valid_to >= $2::date)
            AND p.rank = (SELECT min(p2.rank) FROM membership m2
                            JOIN position p2 ON p2.id = m2.position_id
                            JOIN app_user u2 ON u2.id = m2.user_id AND u2.active
                           WHERE m2.department_id = m.department_id
                             AND m2.valid_from <= $2::date AND (m2.valid_to IS NULL OR m2.valid_to >= $2::date))),
       tree AS (
         SELECT id FROM headed
         UNION
         SELECT dept.id FROM dept JOIN tree ON dept.parent_id = tree.id)
       SELECT id::text AS id FROM tree ORDER BY 1`,
      [user.id, on],
    );
    return { kind: 'departments', departmentIds: rows.map((r) => r.id) };
  }

  async canViewTally(user: AuthUser): Promise<boolean> {
    return canSeeAnyone(await this.tallyScope(user));
  }

  /** The person's scope, or `disaster/tally_not_allowed` when they may see nobody's answers. */
  async requireTallyScope(user: AuthUser): Promise<TallyScope> {
    const scope = await this.tallyScope(user);
    if (!canSeeAnyone(scope)) throw new AppException('disaster/tally_not_allowed');
    return scope;
  }
}

export function canSeeAnyone(scope: TallyScope): boolean {
  return scope.kind === 'all' || scope.departmentIds.length > 0;
}
