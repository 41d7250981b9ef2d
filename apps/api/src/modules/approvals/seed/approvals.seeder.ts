import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module';
import type { AppConfig } from '../../../config/config.schema';
import { UnitOfWork, type Tx } from '../../../core/database/unit-of-work';
import { DemoTownSeeder } from '../../org/seed/demo-town.seeder';
import { ApprovalTemplateEntity } from '../entities/approval-template.entity';
import { DecisionAuthorityRuleEntity } from '../entities/decision-authority-rule.entity';
import { DEMO_AUTHORITY, DEMO_TEMPLATES } from './demo-templates';

/** Seeds the demo templates and 専決規程 on first start, after the org chart (SEED_DEMO). */
@Injectable()
export class ApprovalsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orgSeeder: DemoTownSeeder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO) return;
    // The org chart first (it does nothing when it is already there).
    await this.orgSeeder.onApplicationBootstrap();
    await this.uow.run(async (tx) => {
      await tx.em.query('SELECT pg_advisory_xact_lock(7361006)');
      // Each part once: the 専決規程 also comes back after `npm run seed` re-created the positions.
      // Templates by code: an install seeded before a template was added (打刻修正届) gets it on its next start.
      const added = await this.seedTemplates(tx);
      if (added.length) this.logger.log(`Seeded the approval templates ${added.join(', ')}`);
      if (!(await tx.em.exists(DecisionAuthorityRuleEntity))) {
        await this.seedAuthority(tx);
        this.logger.log('Seeded the decision-authority table (専決規程)');
      }
    });
  }

  /** Inserts the demo templates, and the 専決規程 when its positions exist (by code). */
  async seed(tx: Tx): Promise<void> {
    await this.seedTemplates(tx);
    await this.seedAuthority(tx);
  }

  /** Inserts the demo templates whose code is not there yet; answers their codes. */
  private async seedTemplates({ em }: Tx): Promise<string[]> {
    const rows: { code: string }[] = await em.query('SELECT code FROM approval_template');
    const present = new Set(rows.map((r) => r.code));
    const missing = DEMO_TEMPLATES.filter((t) => !present.has(t.code));
    for (const t of missing) await em.save(em.create(ApprovalTemplateEntity, { ...t, active: true }));
    return missing.map((t) => t.code);
  }

  private async seedAuthority({ em }: Tx): Promise<void> {
    const positions: { id: string; code: string }[] = await em.query(
      'SELECT id, code FROM position WHERE code = ANY($1)',
      [[...new Set(DEMO_AUTHORITY.map((r) => r.position))]],
    );
    const idOf = new Map(positions.map((p) => [p.code, p.id]));
    for (const rule of DEMO_AUTHORITY) {
      const positionId = idOf.get(rule.position);
      if (!positionId) continue;
      await em.save(
        em.create(DecisionAuthorityRuleEntity, {
          category: rule.category,
          upTo: rule.upTo === null ? null : String(rule.upTo),
          positionId,
        }),
      );
    }
  }
}
