import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  ApprovalTemplate,
  CreateApprovalTemplateRequest,
  DecisionAuthorityTableView,
  ReplaceDecisionAuthorityRequest,
  UpdateApprovalTemplateRequest,
} from '@ringi/contracts';
import { validateDecisionAuthorityTable } from '@ringi/domain';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { ApprovalTemplateEntity } from './entities/approval-template.entity';
import { DecisionAuthorityRuleEntity } from './entities/decision-authority-rule.entity';

export function templateView(t: ApprovalTemplateEntity): ApprovalTemplate {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    nameEn: t.nameEn,
    category: t.category,
    kind: t.kind,
    form: t.form,
    defaultRetention: t.defaultRetention,
    numberingTiming: t.numberingTiming,
    financial: t.financial,
    departmentVisible: t.departmentVisible,
    active: t.active,
    sortOrder: t.sortOrder,
  };
}

type TemplateInput = Omit<CreateApprovalTemplateRequest, 'departmentVisible' | 'sortOrder'> & {
  departmentVisible: boolean;
  sortOrder: number;
};

/** Templates (様式) and the decision-authority table (専決規程): everyone reads, administrators change. */
@Injectable()
export class ApprovalTemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** Templates in use; administrators also see the retired ones. */
  async list(user: AuthUser): Promise<ApprovalTemplate[]> {
    const rows = await this.dataSource.getRepository(ApprovalTemplateEntity).find({
      where: user.role === 'admin' ? {} : { active: true },
      order: { sortOrder: 'ASC', code: 'ASC' },
    });
    return rows.map(templateView);
  }

  async create(actor: AuthUser, input: TemplateInput): Promise<ApprovalTemplate> {
    return this.uow.run(async (tx) => {
      const { em } = tx;
      if (await em.existsBy(ApprovalTemplateEntity, { code: input.code }))
        throw new AppException('approval/template_code_taken');
      const saved = await em.save(em.create(ApprovalTemplateEntity, { ...input, active: true }));
      await this.audit.append(tx, {
        type: 'approval.template_created',
        actorId: actor.id,
        subject: saved.id,
        data: { code: input.code, name: input.name, category: input.category },
      });
      return templateView(saved);
    });
  }

  async update(actor: AuthUser, id: string, patch: UpdateApprovalTemplateRequest): Promise<ApprovalTemplate> {
    return this.uow.run(async (tx) => {
      const { em } = tx;
      const current = await em.findOneBy(ApprovalTemplateEntity, { id });
      if (!current) throw new AppException('approval/template_not_found');
      if (
        patch.code &&
        patch.code !== current.code &&
        (await em.existsBy(ApprovalTemplateEntity, { code: patch.code }))
      )
        throw new AppException('approval/template_code_taken');
      Object.assign(current, patch, { updatedAt: new Date() });
      const saved = await em.save(current);
      await this.audit.append(tx, {
        type: 'approval.template_updated',
        actorId: actor.id,
        subject: id,
        data: { ...patch },
      });
      return templateView(saved);
    });
  }

  async authorityTable(): Promise<DecisionAuthorityTableView> {
    const rows: {
      id: string;
      category: string | null;
      up_to: string | null;
      position_id: string;
      name: string;
    }[] = await this.dataSource.query(
      `SELECT r.id, r.category, r.up_to, r.position_id, p.name
           FROM decision_authority_rule r JOIN position p ON p.id = r.position_id
          ORDER BY r.category NULLS LAST, r.up_to NULLS LAST`,
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        category: r.category,
        upTo: r.up_to === null ? null : Number(r.up_to),
        positionId: r.position_id,
        positionName: r.name,
      })),
    };
  }

  /** Replaces the whole table at once, so that it is checked as a whole (no gap, no inversion). */
  async replaceAuthorityTable(
    actor: AuthUser,
    input: ReplaceDecisionAuthorityRequest,
  ): Promise<DecisionAuthorityTableView> {
    await this.uow.run(async (tx) => {
      const { em } = tx;
      const ids = [...new Set(input.items.map((i) => i.positionId))];
      const ranks: { id: string; rank: number }[] = ids.length
        ? await em.query(`SELECT id, rank FROM position WHERE id = ANY($1::uuid[])`, [ids])
        : [];
      const rankOf = new Map(ranks.map((r) => [r.id, r.rank]));
      if (rankOf.size !== ids.length) throw new AppException('org/position_not_found');
      const problems = validateDecisionAuthorityTable(
        input.items.map((i) => ({
          category: i.category,
          upTo: i.upTo,
          decider: { positionId: i.positionId, rank: rankOf.get(i.positionId) as number },
        })),
      );
      if (problems.length)
        throw new AppException(
          'approval/invalid_authority_table',
          problems.map((p) => ({ path: ['items', p.rule], message: p.code })),
        );
      await em.query('DELETE FROM decision_authority_rule');
      for (const item of input.items)
        await em.save(
          em.create(DecisionAuthorityRuleEntity, {
            category: item.category,
            upTo: item.upTo === null ? null : String(item.upTo),
            positionId: item.positionId,
          }),
        );
      await this.audit.append(tx, {
        type: 'approval.authority_table_replaced',
        actorId: actor.id,
        data: { items: input.items },
      });
    });
    return this.authorityTable();
  }
}
