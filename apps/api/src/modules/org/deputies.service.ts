import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import type { Deputy, DeputySource, OwnDeputies } from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AuditService } from '../../core/audit/audit.service';
import { AppException } from '../../core/errors/app.exception';
import { DeputyEntity } from './entities/deputy.entity';
import { PositionEntity } from './entities/position.entity';
import { DepartmentEntity } from './entities/department.entity';

/** Who registers a deputy period and for whom: a person, or a position of a department. */
export interface DeputyPeriodInput {
  principalUserId?: string;
  principalPositionId?: string;
  principalDepartmentId?: string;
  deputyUserId: string;
  validFrom: string;
  /** Last day (inclusive); null: until ended. */
  validTo: string | null;
  reason: string;
  source: DeputySource;
  /** Who registers it (null: the system, e.g. an approved leave). */
  actorId: string | null;
}

const DEPUTY_SELECT = `
  SELECT x.id, x.principal_user_id AS "principalUserId",
         CASE WHEN pu.id IS NULL THEN NULL ELSE pu.family_name || ' ' || pu.given_name END AS "principalName",
         x.principal_position_id AS "principalPositionId", pp.name AS "principalPositionName",
         x.principal_department_id AS "principalDepartmentId",
         CASE WHEN x.principal_department_id IS NULL THEN NULL ELSE COALESCE(
           (SELECT v.name FROM department_version v WHERE v.department_id = x.principal_department_id
               AND v.valid_from <= GREATEST(x.valid_from, $1::date) ORDER BY v.valid_from DESC LIMIT 1),
           pd.name) END AS "principalDepartmentName",
         x.deputy_user_id AS "deputyUserId", du.family_name || ' ' || du.given_name AS "deputyName",
         to_char(x.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(x.valid_to, 'YYYY-MM-DD') AS "validTo",
         x.reason, x.source,
         CASE WHEN x.valid_from > $1 THEN 'future' WHEN x.valid_to < $1 THEN 'past' ELSE 'current' END AS state
    FROM deputy x
    LEFT JOIN app_user pu ON pu.id = x.principal_user_id
    LEFT JOIN position pp ON pp.id = x.principal_position_id
    LEFT JOIN department pd ON pd.id = x.principal_department_id
    JOIN app_user du ON du.id = x.deputy_user_id`;
const DEPUTY_ORDER = `ORDER BY x.valid_from, x.created_at`;

function isDeputyOverlap(error: unknown): boolean {
  const constraint =
    error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
  return constraint === 'deputy_person_no_overlap' || constraint === 'deputy_position_no_overlap';
}

/**
 * Deputies (代決者): registrations that let someone act for a person, or for whoever holds a position of a
 * department, between two days. Administrators manage anyone's; each person manages who covers them; the
 * attendance module registers periods from approved leave through `registerDeputyPeriod`. Who may act for
 * whom on a day is answered by `OrgChartService.deputiesOf` / `principalsOf`.
 */
@Injectable()
export class DeputiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** Registrations that are in effect or ahead (and those that are over, on request), oldest first. */
  async list(filter: { userId?: string; includePast?: boolean }): Promise<Deputy[]> {
    const where: string[] = [];
    const params: unknown[] = [tokyoDate()];
    if (!filter.includePast) where.push(`(x.valid_to IS NULL OR x.valid_to >= $1)`);
    if (filter.userId) {
      params.push(filter.userId);
      where.push(`(x.principal_user_id = $2 OR x.deputy_user_id = $2)`);
    }
    return this.dataSource.query(
      `${DEPUTY_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${DEPUTY_ORDER} LIMIT 500`,
      params,
    );
  }

  /** One's own page: who covers me, and for whom I am registered, from today on. */
  async own(userId: string): Promise<OwnDeputies> {
    const today = tokyoDate();
    const [items, actingFor] = await Promise.all([
      this.dataSource.query(
        `${DEPUTY_SELECT} WHERE x.principal_user_id = $2 AND (x.valid_to IS NULL OR x.valid_to >= $1) ${DEPUTY_ORDER}`,
        [today, userId],
      ) as Promise<Deputy[]>,
      this.dataSource.query(
        `${DEPUTY_SELECT} WHERE x.deputy_user_id = $2 AND (x.valid_to IS NULL OR x.valid_to >= $1) ${DEPUTY_ORDER}`,
        [today, userId],
      ) as Promise<Deputy[]>,
    ]);
    return { items, actingFor };
  }

  /**
   * Registers a deputy period inside a unit of work (joining the caller's, if any) with its audit event. For
   * the attendance module (approved leave) as much as for the screens.
   */
  async registerDeputyPeriod(input: DeputyPeriodInput): Promise<Deputy> {
    if (input.validTo !== null && input.validTo < input.validFrom) throw new AppException('org/deputy_dates');
    if (input.principalUserId === input.deputyUserId) throw new AppException('org/deputy_self');
    try {
      return await this.uow.run(async (tx) => {
        const { em } = tx;
        await this.requireActiveUser(em, input.deputyUserId);
        if (input.principalUserId) await this.requireActiveUser(em, input.principalUserId);
        else {
          if (!(await em.existsBy(PositionEntity, { id: input.principalPositionId })))
            throw new AppException('org/position_not_found');
          if (!(await em.existsBy(DepartmentEntity, { id: input.principalDepartmentId })))
            throw new AppException('org/department_not_found');
        }
        const saved = await em.save(
          em.create(DeputyEntity, {
            principalUserId: input.principalUserId ?? null,
            principalPositionId: input.principalUserId ? null : (input.principalPositionId ?? null),
            principalDepartmentId: input.principalUserId ? null : (input.principalDepartmentId ?? null),
            deputyUserId: input.deputyUserId,
            validFrom: input.validFrom,
            validTo: input.validTo,
            reason: input.reason,
            source: input.source,
            createdBy: input.actorId,
          }),
        );
        await this.audit.append(tx, {
          type: 'org.deputy_registered',
          actorId: input.actorId,
          subject: saved.id,
          data: {
            principalUserId: saved.principalUserId,
            principalPositionId: saved.principalPositionId,
            principalDepartmentId: saved.principalDepartmentId,
            deputyUserId: saved.deputyUserId,
            validFrom: saved.validFrom,
            validTo: saved.validTo,
            reason: saved.reason,
            source: saved.source,
          },
        });
        return this.get(em, saved.id);
      });
    } catch (error) {
      if (isDeputyOverlap(error)) throw new AppException('org/deputy_overlap');
      throw error;
    }
  }

  /**
   * Ends a period: `lastDay` is the last day the deputy may act. `ownerId` limits it to registrations for that
   * person (one's own page); others are not found.
   */
  async end(actorId: string, id: string, lastDay: string, ownerId?: string): Promise<Deputy> {
    return this.uow.run(async (tx) => {
      const { em } = tx;
      const current = await this.requireDeputy(em, id, ownerId);
      if (lastDay < current.validFrom) throw new AppException('org/deputy_dates');
      if (current.validTo !== null && lastDay > current.validTo) throw new AppException('org/deputy_dates');
      await em.update(DeputyEntity, { id }, { validTo: lastDay });
      await this.audit.append(tx, {
        type: 'org.deputy_ended',
        actorId,
        subject: id,
        data: { lastDay, previousLastDay: current.validTo },
      });
      return this.get(em, id);
    });
  }

  /** Deletes a period that has not begun (a period that has begun keeps its history: end it instead). */
  async remove(actorId: string, id: string, ownerId?: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const { em } = tx;
      const current = await this.requireDeputy(em, id, ownerId);
      if (current.validFrom <= tokyoDate()) throw new AppException('org/deputy_started');
      await em.delete(DeputyEntity, { id });
      await this.audit.append(tx, {
        type: 'org.deputy_cancelled',
        actorId,
        subject: id,
        data: {
          principalUserId: current.principalUserId,
          principalPositionId: current.principalPositionId,
          principalDepartmentId: current.principalDepartmentId,
          deputyUserId: current.deputyUserId,
          validFrom: current.validFrom,
          validTo: current.validTo,
        },
      });
    });
  }

  private async get(em: EntityManager, id: string): Promise<Deputy> {
    const rows: Deputy[] = await em.query(`${DEPUTY_SELECT} WHERE x.id = $2`, [tokyoDate(), id]);
    if (!rows[0]) throw new AppException('org/deputy_not_found');
    return rows[0];
  }

  private async requireDeputy(em: EntityManager, id: string, ownerId?: string): Promise<DeputyEntity> {
    const found = await em.findOne(DeputyEntity, {
      where: ownerId ? { id, principalUserId: ownerId } : { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found) throw new AppException('org/deputy_not_found');
    return found;
  }

  private async requireActiveUser(em: EntityManager, userId: string): Promise<void> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM app_user WHERE id = $1 AND active`, [userId]);
    if (rows.length === 0) throw new AppException('org/staff_not_found');
  }
}
