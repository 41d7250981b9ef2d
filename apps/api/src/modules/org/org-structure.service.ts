import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CreateDepartmentRequest,
  CreatePositionRequest,
  Department,
  Position,
  UpdateDepartmentRequest,
  UpdatePositionRequest,
} from '@ringi/contracts';
import { tokyoDate } from '@ringi/domain';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { AppException } from '../../core/errors/app.exception';
import { DepartmentEntity } from './entities/department.entity';
import { PositionEntity } from './entities/position.entity';
import { DepartmentHistoryService, SHOWN_VERSION_SQL } from './department-history.service';

type DepartmentInput = Omit<CreateDepartmentRequest, 'sortOrder'> & { sortOrder: number };

/** Departments (a tree) and positions. */
@Injectable()
export class OrgStructureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly history: DepartmentHistoryService,
  ) {}

  /**
   * Every department as it is today; one that does not exist today (新設 entered ahead, or 廃止) shows the
   * values of its first (or last) day, with its state.
   */
  async departments(): Promise<Department[]> {
    const rows: (Omit<Department, 'staffCount'> & { staffCount: string })[] = await this.dataSource.query(
      `SELECT d.id, v.parent_id AS "parentId", d.code, v.name, v.name_kana AS "nameKana", v.kind,
              d.sort_order AS "sortOrder", d.active, v.number_prefix AS "numberPrefix",
              CASE WHEN v.valid_from > $1 THEN 'future' WHEN v.valid_to < $1 THEN 'past' ELSE 'current' END
                AS state,
              (SELECT to_char(min(a.valid_from), 'YYYY-MM-DD') FROM department_version a
                WHERE a.department_id = d.id) AS "validFrom",
              (SELECT CASE WHEN bool_or(a.valid_to IS NULL) THEN NULL
                           ELSE to_char(max(a.valid_to), 'YYYY-MM-DD') END
                 FROM department_version a WHERE a.department_id = d.id) AS "validTo",
              (SELECT count(DISTINCT m.user_id) FROM membership m JOIN app_user u ON u.id = m.user_id
                WHERE m.department_id = d.id AND u.active AND m.valid_from <= $1
                  AND (m.valid_to IS NULL OR m.valid_to >= $1)) AS "staffCount"
         FROM department d
         JOIN LATERAL (${SHOWN_VERSION_SQL}) v ON true
        ORDER BY d.sort_order, d.code`,
      [tokyoDate()],
    );
    return rows.map((r) => ({ ...r, staffCount: Number(r.staffCount) }));
  }

  async department(id: string): Promise<Department> {
    const found = (await this.departments()).find((d) => d.id === id);
    if (!found) throw new AppException('org/department_not_found');
    return found;
  }

  async createDepartment(actor: AuthUser, input: DepartmentInput): Promise<Department> {
    const id = await this.uow.run(async (tx) => {
      const { em } = tx;
      const { validFrom, numberPrefix, ...fields } = input;
      if (fields.parentId) await this.requireDepartment(em, fields.parentId);
      await this.requireFreeDepartmentCode(em, fields.code);
      const saved = await em.save(em.create(DepartmentEntity, { ...fields, active: true }));
      await this.history.startFirstVersion(em, saved.id, validFrom, numberPrefix ?? null, fields.parentId);
      await this.audit.append(tx, {
        type: 'org.department_created',
        actorId: actor.id,
        subject: saved.id,
        data: { ...input },
      });
      return saved.id;
    });
    return this.department(id);
  }

  async updateDepartment(actor: AuthUser, id: string, patch: UpdateDepartmentRequest): Promise<Department> {
    await this.uow.run(async (tx) => {
      const { em } = tx;
      const current = await this.requireDepartment(em, id);
      if (patch.code && patch.code !== current.code) await this.requireFreeDepartmentCode(em, patch.code);
      if (patch.parentId) await this.requireDepartment(em, patch.parentId);
      const { numberPrefix, ...fields } = patch;
      await this.history.correctToday(em, id, {
        name: fields.name,
        nameKana: fields.nameKana,
        kind: fields.kind,
        parentId: fields.parentId,
        numberPrefix,
      });
      await em.update(DepartmentEntity, { id }, { ...fields, updatedAt: () => 'now()' });
      await this.audit.append(tx, {
        type: 'org.department_updated',
        actorId: actor.id,
        subject: id,
        data: { ...patch },
      });
    });
    return this.department(id);
  }

  async positions(): Promise<Position[]> {
    const rows = await this.dataSource
      .getRepository(PositionEntity)
      .find({ order: { rank: 'ASC', code: 'ASC' } });
    return rows.map(({ id, code, name, nameEn, rank }) => ({ id, code, name, nameEn, rank }));
  }

  async createPosition(actor: AuthUser, input: CreatePositionRequest): Promise<Position> {
    return this.uow.run(async (tx) => {
      const { em } = tx;
      if (await em.existsBy(PositionEntity, { code: input.code }))
        throw new AppException('org/position_code_taken');
      const saved = await em.save(em.create(PositionEntity, input));
      await this.audit.append(tx, {
        type: 'org.position_created',
        actorId: actor.id,
        subject: saved.id,
        data: { ...input },
      });
      return { id: saved.id, code: saved.code, name: saved.name, nameEn: saved.nameEn, rank: saved.rank };
    });
  }

  async updatePosition(actor: AuthUser, id: string, patch: UpdatePositionRequest): Promise<Position> {
    return this.uow.run(async (tx) => {
      const { em } = tx;
      const current = await em.findOneBy(PositionEntity, { id });
      if (!current) throw new AppException('org/position_not_found');
      if (
        patch.code &&
        patch.code !== current.code &&
        (await em.existsBy(PositionEntity, { code: patch.code }))
      ) {
        throw new AppException('org/position_code_taken');
      }
      await em.update(PositionEntity, { id }, { ...patch, updatedAt: () => 'now()' });
      await this.audit.append(tx, {
        type: 'org.position_updated',
        actorId: actor.id,
        subject: id,
        data: { ...patch },
      });
      const saved = { ...current, ...patch };
      return { id, code: saved.code, name: saved.name, nameEn: saved.nameEn, rank: saved.rank };
    });
  }

  private async requireDepartment(em: EntityManager, id: string): Promise<DepartmentEntity> {
    const found = await em.findOneBy(DepartmentEntity, { id });
    if (!found) throw new AppException('org/department_not_found');
    return found;
  }

  private async requireFreeDepartmentCode(em: EntityManager, code: string): Promise<void> {
    if (await em.existsBy(DepartmentEntity, { code })) throw new AppException('org/department_code_taken');
  }
}
