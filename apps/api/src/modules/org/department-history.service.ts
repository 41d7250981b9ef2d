import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  DepartmentChangeRequest,
  DepartmentHistory,
  DepartmentKind,
  DepartmentVersion,
} from '@ringi/contracts';
import { addDays, tokyoDate } from '@ringi/domain';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { AppException } from '../../core/errors/app.exception';
import { DepartmentEntity } from './entities/department.entity';
import { DepartmentVersionEntity } from './entities/department-version.entity';
import { announceOrgChange } from './org.events';

/** The values of a department version that a reorganisation or a correction may change. */
export interface VersionValues {
  name: string;
  nameKana: string;
  kind: DepartmentKind;
  parentId: string | null;
  numberPrefix: string | null;
}

const VERSION_COLUMNS = `v.id, to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(v.valid_to, 'YYYY-MM-DD') AS "validTo", v.name, v.name_kana AS "nameKana", v.kind,
  v.parent_id AS "parentId", v.number_prefix AS "numberPrefix"`;

/**
 * A department's history (department_version): reorganisations entered ahead (改称, 移管, kind, number
 * prefix), 新設 from a day, and 廃止 / 統合 from a day. The `department` row keeps the code, order and the
 * values in effect when it was last written (for screens that show today); dated questions go to the versions.
 */
@Injectable()
export class DepartmentHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  async history(
    departmentId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<DepartmentHistory> {
    if (!(await em.existsBy(DepartmentEntity, { id: departmentId })))
      throw new AppException('org/department_not_found');
    const items: DepartmentVersion[] = await em.query(
      `SELECT ${VERSION_COLUMNS},
              (SELECT p.name FROM department_version p
                WHERE p.department_id = v.parent_id AND p.valid_from <= v.valid_from
                ORDER BY p.valid_from DESC LIMIT 1) AS "parentName"
         FROM department_version v WHERE v.department_id = $1 ORDER BY v.valid_from`,
      [departmentId],
    );
    const last = items.at(-1);
    let stranded = 0;
    if (last?.validTo) {
      const [{ count }]: { count: string }[] = await em.query(
        `SELECT count(*) FROM membership WHERE department_id = $1 AND (valid_to IS NULL OR valid_to > $2)`,
        [departmentId, last.validTo],
      );
      stranded = Number(count);
    }
    return { items, strandedMemberships: stranded };
  }

  /**
   * From `validFrom` on, the department has the given values; the period in effect that day is split there
   * (or corrected when it starts that day). Periods entered further ahead keep their own values.
   */
  async change(
    actor: AuthUser,
    departmentId: string,
    input: DepartmentChangeRequest,
  ): Promise<DepartmentHistory> {
    return this.uow.run(async (tx) => {
      const { em } = tx;
      await this.lockDepartment(em, departmentId);
      const { validFrom, ...changes } = input;
      const current = await this.versionOn(em, departmentId, validFrom);
      if (!current) throw new AppException('org/department_not_in_effect');
      const next: VersionValues = {
        name: changes.name ?? current.name,
        nameKana: changes.nameKana ?? current.nameKana,
        kind: changes.kind ?? current.kind,
        parentId: changes.parentId === undefined ? current.parentId : changes.parentId,
        numberPrefix: changes.numberPrefix === undefined ? current.numberPrefix : changes.numberPrefix,
      };
      const changed = (Object.keys(next) as (keyof VersionValues)[]).filter((k) => next[k] !== current[k]);
      if (changed.length === 0) throw new AppException('org/department_change_empty');
      if (next.parentId !== current.parentId && next.parentId !== null)
        await this.requireParentOn(em, departmentId, next.parentId, validFrom);

      if (current.validFrom === validFrom) {
        await em.update(DepartmentVersionEntity, { id: current.id }, next);
      } else {
        await em.update(DepartmentVersionEntity, { id: current.id }, { validTo: addDays(validFrom, -1) });
        await em.insert(DepartmentVersionEntity, {
          departmentId,
          validFrom,
          validTo: current.validTo,
          ...next,
        });
      }
      await this.syncToday(em, departmentId);
      await this.audit.append(tx, {
        type: 'org.department_reorganised',
        actorId: actor.id,
        subject: departmentId,
        data: { validFrom, ...Object.fromEntries(changed.map((k) => [k, next[k]])) },
      });
      announceOrgChange(tx, this.events, validFrom);
      return this.history(departmentId, em);
    });
  }

  /**
   * 廃止 (or 統合 into another department) from `from` on: the department's last day is the day before.
   * Periods entered for later days are removed (the audit event lists them). Departments still under it after
   * that day must be moved or abolished first. People assigned to it are not moved: the answer says how many
   * assignments remain for the administrator to end or move.
   */
  async abolish(actor: AuthUser, departmentId: string, from: string): Promise<DepartmentHistory> {
    return this.uow.run(async (tx) => {
      const { em } = tx;
      await this.lockDepartment(em, departmentId);
      const lastDay = addDays(from, -1);
      if (!(await this.versionOn(em, departmentId, lastDay)))
        throw new AppException('org/department_not_in_effect');
      const children: { id: string }[] = await em.query(
        `SELECT id FROM department_version WHERE parent_id = $1 AND (valid_to IS NULL OR valid_to >= $2) LIMIT 1`,
        [departmentId, from],
      );
      if (children.length > 0) throw new AppException('org/department_has_children');
      const removed: { valid_from: string; name: string }[] = await em.query(
        `DELETE FROM department_version WHERE department_id = $1 AND valid_from >= $2
         RETURNING to_char(valid_from, 'YYYY-MM-DD') AS valid_from, name`,
        [departmentId, from],
      );
      await em.query(
        `UPDATE department_version SET valid_to = $2
          WHERE department_id = $1 AND (valid_to IS NULL OR valid_to > $2)`,
        [departmentId, lastDay],
      );
      await this.syncToday(em, departmentId);
      await this.audit.append(tx, {
        type: 'org.department_abolished',
        actorId: actor.id,
        subject: departmentId,
        data: { from, removedPeriods: removed.map((r) => ({ validFrom: r.valid_from, name: r.name })) },
      });
      announceOrgChange(tx, this.events, from);
      return this.history(departmentId, em);
    });
  }

  /**
   * Called inside the unit of work that inserted a department (新設): its first period, which the database
   * created from 1900-01-01, starts on `validFrom` (when given) and carries the number prefix; its parent must
   * exist on that first day (today when no day is given).
   */
  async startFirstVersion(
    em: EntityManager,
    departmentId: string,
    validFrom: string | undefined,
    numberPrefix: string | null,
    parentId: string | null,
  ): Promise<void> {
    if (parentId) await this.requireParentOn(em, departmentId, parentId, validFrom ?? tokyoDate());
    await em.update(
      DepartmentVersionEntity,
      { departmentId },
      { numberPrefix, ...(validFrom ? { validFrom } : {}) },
    );
  }

  /**
   * A correction without a date (a typo, not a reorganisation): the period in effect today changes (or, for
   * a department that does not exist today, the one the list shows), and the department row with it.
   */
  async correctToday(em: EntityManager, departmentId: string, patch: Partial<VersionValues>): Promise<void> {
    const shown = await this.shownVersion(em, departmentId);
    if (!shown) return;
    const today = tokyoDate();
    if (patch.parentId)
      await this.requireParentOn(
        em,
        departmentId,
        patch.parentId,
        shown.validFrom > today ? shown.validFrom : today,
      );
    const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(values).length > 0) await em.update(DepartmentVersionEntity, { id: shown.id }, values);
  }

  /** The new parent exists on the day, and the department is not above it that day (no cycle). */
  private async requireParentOn(
    em: EntityManager,
    departmentId: string,
    parentId: string,
    on: string,
  ): Promise<void> {
    if (!(await em.existsBy(DepartmentEntity, { id: parentId })))
      throw new AppException('org/department_not_found');
    const chain: { id: string }[] = await em.query(
      `WITH RECURSIVE up AS (
         SELECT v.department_id AS id, v.parent_id, 0 AS depth FROM department_version v
          WHERE v.department_id = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)
         UNION ALL
         SELECT v.department_id, v.parent_id, up.depth + 1 FROM department_version v JOIN up ON v.department_id = up.parent_id
          WHERE v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2) AND up.depth < 20)
       SELECT id FROM up`,
      [parentId, on],
    );
    if (chain.length === 0) throw new AppException('org/department_not_in_effect');
    if (chain.some((d) => d.id === departmentId)) throw new AppException('org/department_cycle');
  }

  private async lockDepartment(em: EntityManager, departmentId: string): Promise<void> {
    const rows: unknown[] = await em.query(`SELECT id FROM department WHERE id = $1 FOR UPDATE`, [
      departmentId,
    ]);
    if (rows.length === 0) throw new AppException('org/department_not_found');
  }

  private async versionOn(
    em: EntityManager,
    departmentId: string,
    on: string,
  ): Promise<(VersionValues & { id: string; validFrom: string; validTo: string | null }) | null> {
    const rows: (VersionValues & { id: string; validFrom: string; validTo: string | null })[] =
      await em.query(
        `SELECT ${VERSION_COLUMNS} FROM department_version v
        WHERE v.department_id = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)`,
        [departmentId, on],
      );
    return rows[0] ?? null;
  }

  /** The period shown for today: the one in effect, else the first one ahead, else the last one. */
  private async shownVersion(
    em: EntityManager,
    departmentId: string,
  ): Promise<(VersionValues & { id: string; validFrom: string }) | null> {
    const rows: (VersionValues & { id: string; validFrom: string })[] = await em.query(
      `SELECT ${VERSION_COLUMNS} FROM department_version v WHERE v.department_id = $1
        ORDER BY CASE WHEN v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2) THEN 0
                      WHEN v.valid_from > $2 THEN 1 ELSE 2 END,
                 CASE WHEN v.valid_from > $2 THEN v.valid_from END, v.valid_from DESC
        LIMIT 1`,
      [departmentId, tokyoDate()],
    );
    return rows[0] ?? null;
  }

  /** Copies the period shown for today into the department row, which screens of today read. */
  private async syncToday(em: EntityManager, departmentId: string): Promise<void> {
    const shown = await this.shownVersion(em, departmentId);
    if (!shown) return;
    await em.update(
      DepartmentEntity,
      { id: departmentId },
      {
        name: shown.name,
        nameKana: shown.nameKana,
        kind: shown.kind,
        parentId: shown.parentId,
        updatedAt: () => 'now()',
      },
    );
  }
}

/** The SQL (a lateral subquery over `d`) that picks the period a list of today shows. */
export const SHOWN_VERSION_SQL = `
  SELECT w.* FROM department_version w WHERE w.department_id = d.id
   ORDER BY CASE WHEN w.valid_from <= $1 AND (w.valid_to IS NULL OR w.valid_to >= $1) THEN 0
                 WHEN w.valid_from > $1 THEN 1 ELSE 2 END,
            CASE WHEN w.valid_from > $1 THEN w.valid_from END, w.valid_from DESC
   LIMIT 1`;
