import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, fiscalYearOf, tokyoDate } from '@ringi/domain';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/config.schema';
import { UnitOfWork, type Tx } from '../../../core/database/unit-of-work';
import { AuditService } from '../../../core/audit/audit.service';
import { PasswordHasher } from '../../../core/auth/password-hasher';
import { UsersService } from '../../identity/users.service';
import { DepartmentEntity } from '../entities/department.entity';
import { DepartmentVersionEntity } from '../entities/department-version.entity';
import { PositionEntity } from '../entities/position.entity';
import { StaffService } from '../staff.service';
import {
  DEMO_DEPARTMENTS,
  DEMO_LOGINS,
  DEMO_NUMBER_PREFIXES,
  DEMO_PASSWORD,
  DEMO_POSITIONS,
  DEMO_REORGANISATION,
  demoStaff,
} from './demo-town';

/** Seeds デモ町 on the first start of an empty database, and re-creates it on demand. */
@Injectable()
export class DemoTownSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly staff: StaffService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO) return;
    await this.uow.run(async (tx) => {
      const { em } = tx;
      // Two instances starting together: only one seeds.
      await em.query('SELECT pg_advisory_xact_lock(7361003)');
      const [{ count }]: { count: string }[] = await em.query('SELECT count(*) FROM app_user');
      if (Number(count) > 0) return;
      await this.seed(tx);
      this.logger.log('Seeded the demo town (デモ町)');
    });
  }

  /** Deletes the org chart, people, sessions and files, then seeds again. The audit log is kept. */
  async reset(): Promise<void> {
    await this.uow.run(async (tx) => {
      const { em } = tx;
      await em.query('SELECT pg_advisory_xact_lock(7361003)');
      await em.query('DELETE FROM membership');
      await em.query('DELETE FROM deputy');
      await em.query('DELETE FROM user_session');
      await em.query('UPDATE app_user SET photo_file_id = NULL');
      await em.query('DELETE FROM stored_file');
      await em.query('DELETE FROM app_user');
      // The yearly binders made from the file plan (records) refer to the departments: they go with them (a
      // binder holding a document cannot, as the documents cannot), and so do the plan items of one department.
      await em.query('DELETE FROM records_binder');
      await em.query('DELETE FROM records_file_plan_item WHERE department_id IS NOT NULL');
      await em.query('DELETE FROM department_version');
      await em.query('DELETE FROM department');
      await em.query('DELETE FROM position');
      await this.seed(tx);
    });
  }

  /** Whether the demo logins exist (so the console can print them). */
  async hasDemoLogins(): Promise<boolean> {
    const [{ count }]: { count: string }[] = await this.dataSource.query(
      'SELECT count(*) FROM app_user WHERE staff_number = ANY($1) AND password_hash IS NOT NULL',
      [DEMO_LOGINS.map((l) => l.staffNumber)],
    );
    return Number(count) === DEMO_LOGINS.length;
  }

  private async seed(tx: Tx): Promise<void> {
    const { em } = tx;
    const today = tokyoDate();
    const thisApril = `${fiscalYearOf(today)}-04-01`;
    const nextApril = `${fiscalYearOf(today) + 1}-04-01`;

    const departments = new Map<string, string>();
    for (const [i, d] of DEMO_DEPARTMENTS.entries()) {
      const saved = await em.save(
        em.create(DepartmentEntity, {
          code: d.code,
          name: d.name,
          nameKana: d.kana,
          kind: d.kind,
          parentId: d.parent ? departments.get(d.parent) : null,
          sortOrder: (i + 1) * 10,
          active: true,
        }),
      );
      departments.set(d.code, saved.id);
    }
    // Number prefixes, and one reorganisation entered ahead (its first period ends the day before April 1).
    for (const [code, prefix] of Object.entries(DEMO_NUMBER_PREFIXES)) {
      await em.update(
        DepartmentVersionEntity,
        { departmentId: departments.get(code) },
        { numberPrefix: prefix },
      );
    }
    const renamed = departments.get(DEMO_REORGANISATION.code) as string;
    const [first] = await em.find(DepartmentVersionEntity, { where: { departmentId: renamed } });
    await em.update(DepartmentVersionEntity, { id: first.id }, { validTo: addDays(nextApril, -1) });
    await em.insert(DepartmentVersionEntity, {
      departmentId: renamed,
      validFrom: nextApril,
      validTo: null,
      name: DEMO_REORGANISATION.name,
      nameKana: DEMO_REORGANISATION.kana,
      kind: first.kind,
      parentId: first.parentId,
      numberPrefix: DEMO_REORGANISATION.prefix,
    });
    const positions = new Map<string, string>();
    for (const p of DEMO_POSITIONS) positions.set(p.code, (await em.save(em.create(PositionEntity, p))).id);

    // One hash for every demo account keeps the first start fast; each person should change it.
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    for (const person of demoStaff()) {
      const { assignments, ...fields } = person;
      const user = await this.users.create(em, {
        ...fields,
        email: `staff${person.staffNumber}@demo-town.example.lg.jp`,
        passwordHash,
      });
      for (const a of assignments) {
        await this.staff.insertMembership(em, user.id, {
          departmentId: departments.get(a.department) as string,
          positionId: positions.get(a.position) as string,
          isPrimary: !a.concurrent,
          validFrom: a.from === 'next-april' ? nextApril : thisApril,
          validTo: null,
        });
      }
    }
    await this.audit.append(tx, {
      type: 'system.seeded',
      data: { town: 'デモ町', staff: demoStaff().length },
    });
  }
}
