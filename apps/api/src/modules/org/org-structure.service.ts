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

type DepartmentInput = Omit<CreateDepartmentRequest, 'sortOrder'> & { sortOrder: number };

/** Departments (a tree) and positions. */
@Injectable()
export class OrgStructureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async departments(): Promise<Department[]> {
    const rows: (Omit<Department, 'staffCount'> & { staffCount: string })[] = await this.dataSource.query(
      `SELECT d.id, d.parent_id AS "parentId", d.code, d.name, d.name_kana AS "nameKana", d.kind,
              d.sort_order AS "sortOrder", d.active,
              (SELECT count(DISTINCT m.user_id) FROM membership m JOIN app_user u ON u.id = m.user_id
                WHERE m.department_id = d.id AND u.active AND m.valid_from <= $1
                  AND (m.valid_to IS NULL OR m.valid_to >= $1)) AS "staffCount"
         FROM department d
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
      if (input.parentId) await this.requireDepartment(em, input.parentId);
      await this.requireFreeDepartmentCode(em, input.code);
      const saved = await em.save(em.create(DepartmentEntity, { ...input, active: true }));
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
      if (patch.parentId) {
        await this.requireDepartment(em, patch.parentId);
        const ancestors: { id: string }[] = await em.query(
          `WITH RECURSIVE up AS (SELECT id, parent_id FROM department WHERE id = $1
             UNION ALL SELECT d.id, d.parent_id FROM department d JOIN up ON d.id = up.parent_id)
           SELECT id FROM up`,
          [patch.parentId],
        );
        if (ancestors.some((a) => a.id === id)) throw new AppException('org/department_cycle');
      }
      await em.update(DepartmentEntity, { id }, { ...patch, updatedAt: () => 'now()' });
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
