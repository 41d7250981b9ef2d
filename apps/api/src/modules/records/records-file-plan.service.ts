import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { FilePlan, FilePlanItem, SaveFilePlanItem } from '@ringi/contracts';
import { saveFilePlanItemSchema } from '@ringi/contracts';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';

/** The records officer (文書管理担当) is an administrator; anyone else gets `records/not_records_officer`. */
export function requireRecordsOfficer(user: AuthUser): void {
  if (user.role !== 'admin') throw new AppException('records/not_records_officer');
}

/**
 * The file plan every install starts with when its plan is empty (文書分類表の初期値): `00` 庶務一般 is the
 * fallback of a document whose 分類 matches no item; the others are a few common ones of a town, with mixed
 * periods and ends. The records officer edits them afterwards.
 */
export const DEFAULT_FILE_PLAN: SaveFilePlanItem[] = [
  { code: '00', major: '庶務', middle: '一般', title: '庶務一般', retention: '5', endAction: 'dispose' },
  {
    code: '01',
    major: '例規',
    middle: '条例・規則',
    title: '例規綴',
    retention: 'permanent',
    endAction: 'transfer',
  },
  {
    code: '02',
    major: '議会',
    middle: '議案・会議録',
    title: '議会関係綴',
    retention: '30',
    endAction: 'transfer',
  },
  { code: '03', major: '財務', middle: '予算', title: '予算編成綴', retention: '10', endAction: 'transfer' },
  { code: '04', major: '財務', middle: '契約', title: '契約関係綴', retention: '5', endAction: 'dispose' },
  { code: '05', major: '人事', middle: '任免', title: '人事異動綴', retention: '30', endAction: 'transfer' },
  {
    code: '06',
    major: '人事',
    middle: '服務',
    minor: '出勤・休暇',
    title: '服務関係綴',
    retention: '3',
    endAction: 'dispose',
  },
  {
    code: '07',
    major: '庶務',
    middle: '照会・回答',
    minor: '軽易なもの',
    title: '照会回答綴',
    retention: '1',
    endAction: 'dispose',
  },
];

interface PlanRow {
  id: string;
  code: string;
  major: string;
  middle: string;
  minor: string;
  title: string;
  department_id: string | null;
  department_name: string | null;
  retention: FilePlanItem['retention'];
  end_action: FilePlanItem['endAction'];
  active: boolean;
}

const toItem = (r: PlanRow): FilePlanItem => ({
  id: r.id,
  code: r.code,
  major: r.major,
  middle: r.middle,
  minor: r.minor,
  title: r.title,
  departmentId: r.department_id,
  departmentName: r.department_name,
  retention: r.retention,
  endAction: r.end_action,
  active: r.active,
});

/**
 * The file plan (文書分類表): 分類記号 with 大・中・小分類, the title of each year's binder, 保存年限 and 移管 or 廃棄
 * at the end, for one department or for all. Anyone signed in reads it (it is how records are filed); only the
 * records officer changes it, audited. A change applies to binders made afterwards: existing binders keep the
 * code, title and retention they were made with.
 */
@Injectable()
export class RecordsFilePlanService implements OnApplicationBootstrap {
  private readonly logger = new Logger('RecordsFilePlan');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.ensureSeeded()) this.logger.log('Seeded the default file plan (文書分類表)');
  }

  /** Inserts the default plan when the plan is empty (every install, not only the demo); answers whether it did. */
  async ensureSeeded(): Promise<boolean> {
    return this.uow.run(async (tx) => {
      await tx.em.query('SELECT pg_advisory_xact_lock(7361010)');
      const [row]: { n: number }[] = await tx.em.query(
        `SELECT count(*)::int AS n FROM records_file_plan_item`,
      );
      if (row && row.n > 0) return false;
      for (const item of DEFAULT_FILE_PLAN) await this.insert(tx, saveFilePlanItemSchema.parse(item));
      return true;
    });
  }

  async list(): Promise<FilePlan> {
    const rows: PlanRow[] = await this.uow.query(
      `${PLAN_SELECT} ORDER BY p.code, department_name NULLS FIRST`,
    );
    return { items: rows.map(toItem) };
  }

  async create(user: AuthUser, input: SaveFilePlanItem): Promise<FilePlanItem> {
    requireRecordsOfficer(user);
    const body = saveFilePlanItemSchema.parse(input);
    return this.uow.run(async (tx) => {
      await this.requireDepartment(tx, body.departmentId);
      await this.requireCodeFree(tx, body.code, body.departmentId, null);
      const id = await this.insert(tx, body);
      await this.audit.append(tx, {
        type: 'records.file_plan_created',
        actorId: user.id,
        subject: id,
        data: { ...body },
      });
      return this.get(tx, id);
    });
  }

  async update(user: AuthUser, id: string, input: SaveFilePlanItem): Promise<FilePlanItem> {
    requireRecordsOfficer(user);
    const body = saveFilePlanItemSchema.parse(input);
    return this.uow.run(async (tx) => {
      const [before]: PlanRow[] = await tx.em.query(`${PLAN_SELECT} WHERE p.id = $1 FOR UPDATE OF p`, [id]);
      if (!before) throw new AppException('records/file_plan_item_not_found');
      await this.requireDepartment(tx, body.departmentId);
      await this.requireCodeFree(tx, body.code, body.departmentId, id);
      await tx.em.query(
        `UPDATE records_file_plan_item SET code = $2, major = $3, middle = $4, minor = $5, title = $6,
                department_id = $7, retention = $8, end_action = $9, active = $10, updated_at = now()
          WHERE id = $1`,
        [
          id,
          body.code,
          body.major,
          body.middle,
          body.minor,
          body.title,
          body.departmentId,
          body.retention,
          body.endAction,
          body.active,
        ],
      );
      await this.audit.append(tx, {
        type: 'records.file_plan_updated',
        actorId: user.id,
        subject: id,
        data: { before: toItem(before), after: { ...body } },
      });
      return this.get(tx, id);
    });
  }

  private async get(tx: Tx, id: string): Promise<FilePlanItem> {
    const [row]: PlanRow[] = await tx.em.query(`${PLAN_SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw new AppException('records/file_plan_item_not_found');
    return toItem(row);
  }

  private async insert(tx: Tx, body: ReturnType<typeof saveFilePlanItemSchema.parse>): Promise<string> {
    const [row]: { id: string }[] = await tx.em.query(
      `INSERT INTO records_file_plan_item (code, major, middle, minor, title, department_id, retention, end_action, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        body.code,
        body.major,
        body.middle,
        body.minor,
        body.title,
        body.departmentId,
        body.retention,
        body.endAction,
        body.active,
      ],
    );
    return row!.id;
  }

  private async requireDepartment(tx: Tx, departmentId: string | null): Promise<void> {
    if (!departmentId) return;
    const [row]: unknown[] = await tx.em.query(`SELECT 1 FROM department WHERE id = $1`, [departmentId]);
    if (!row) throw new AppException('org/department_not_found');
  }

  /** One item per code for all departments, or per code and department (the unique index says the same). */
  private async requireCodeFree(
    tx: Tx,
    code: string,
    departmentId: string | null,
    except: string | null,
  ): Promise<void> {
    // Serialises creations and changes of the plan, so two at once cannot both take a code.
    await tx.em.query('SELECT pg_advisory_xact_lock(7361010)');
    const [taken]: unknown[] = await tx.em.query(
      `SELECT 1 FROM records_file_plan_item
        WHERE code = $1 AND department_id IS NOT DISTINCT FROM $2 AND id IS DISTINCT FROM $3`,
      [code, departmentId, except],
    );
    if (taken) throw new AppException('records/file_plan_code_taken');
  }
}

const PLAN_SELECT = `
  SELECT p.id, p.code, p.major, p.middle, p.minor, p.title, p.department_id, d.name AS department_name,
         p.retention, p.end_action, p.active
    FROM records_file_plan_item p
    LEFT JOIN department d ON d.id = p.department_id`;
