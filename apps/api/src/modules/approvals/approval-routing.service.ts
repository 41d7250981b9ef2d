import { Injectable } from '@nestjs/common';
import {
  assigneeKey,
  generateDefaultRoute,
  type Assignee,
  type ApprovalState,
  type ChainDepartment,
  type ConsultationStage,
  type DecisionAuthorityTable,
  type DocumentKind,
  type RouteDefinition,
} from '@ringi/domain';
import { AppException } from '../../core/errors/app.exception';
import { OrgChartService } from '../org/org-chart.service';
import { UnitOfWork } from '../../core/database/unit-of-work';

export interface RouteRequest {
  kind: DocumentKind;
  drafterId: string;
  departmentId: string;
  category: string;
  amount: number | null;
  consultations: readonly ConsultationStage[];
  reviewers: readonly Assignee[];
  on: string;
}

/** The rank given to a drafter who holds no position in their department (below every line position). */
const NO_RANK = 999;

/**
 * Routes from the org chart and the 専決規程: the default route of a 起案, who holds each step's assignee on a
 * day, and the number prefix of a department.
 */
@Injectable()
export class ApprovalRoutingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly orgChart: OrgChartService,
  ) {}

  async decisionAuthorityTable(): Promise<DecisionAuthorityTable> {
    const rows: { category: string | null; up_to: string | null; position_id: string; rank: number }[] =
      await this.uow.query(
        `SELECT r.category, r.up_to, r.position_id, p.rank
           FROM decision_authority_rule r JOIN position p ON p.id = r.position_id`,
      );
    return rows.map((r) => ({
      category: r.category,
      upTo: r.up_to === null ? null : Number(r.up_to),
      decider: { positionId: r.position_id, rank: r.rank },
    }));
  }

  /**
   * The drafter's chain with the positions held in each department, followed by the town's top offices where a
   * decider of the 専決規程 sits (root departments of kind office such as 町長室, the highest last; the demo
   * divisions have no parent). An office with no decider of the table, such as 教育委員会 (an independent
   * executive body), is not on the mayor's line and is left out.
   */
  async chain(departmentId: string, on: string, deciders: ReadonlySet<string>): Promise<ChainDepartment[]> {
    const own = await this.orgChart.chainWithPositions(departmentId, on);
    const inChain = new Set(own.map((d) => d.id));
    const offices: { id: string }[] = await this.uow.query(
      `SELECT id FROM department WHERE kind = 'office' AND parent_id IS NULL AND active`,
    );
    const extra = (
      await Promise.all(
        offices
          .filter((o) => !inChain.has(o.id))
          .map(async (o) => ({ id: o.id, positions: await this.orgChart.positionsHeldIn(o.id, on) })),
      )
    ).filter((o) => o.positions.some((p) => deciders.has(p.positionId)));
    const top = (positions: readonly { rank: number }[]) =>
      Math.min(NO_RANK, ...positions.map((p) => p.rank));
    extra.sort((a, b) => top(b.positions) - top(a.positions));
    return [...own, ...extra].map((d) => ({
      departmentId: d.id,
      positions: d.positions.map((p) => ({ positionId: p.positionId, rank: p.rank, holders: p.holders })),
    }));
  }

  /** The default route; throws `approval/no_decider` when the table or the chain has no one to decide. */
  async defaultRoute(input: RouteRequest): Promise<RouteDefinition> {
    const table = await this.decisionAuthorityTable();
    const chain = await this.chain(
      input.departmentId,
      input.on,
      new Set(table.map((r) => r.decider.positionId)),
    );
    const ranks =
      chain[0]?.positions.filter((p) => p.holders.includes(input.drafterId)).map((p) => p.rank) ?? [];
    const result = generateDefaultRoute({
      drafter: { userId: input.drafterId, rank: Math.min(NO_RANK, ...ranks) },
      chain,
      authority: {
        table,
        category: input.category,
        amount: input.amount,
      },
      consultations: input.consultations,
      reviewers: input.kind === 'decision' ? input.reviewers : [],
    });
    if (!result.ok) throw new AppException(result.error);
    if (input.kind === 'decision') return result.route;
    // 供覧: the same people, each only acknowledges (確認).
    return result.route.map((stage) => ({
      mode: stage.mode,
      steps: stage.steps.map((step) => ({ kind: 'acknowledge' as const, assignee: step.assignee })),
    }));
  }

  /** Who holds each assignee of the state on a day, keyed by `assigneeKey`. */
  async resolveAll(state: ApprovalState, on: string): Promise<Map<string, string[]>> {
    const assignees = state.stages.flatMap((s) => s.steps).map((s) => s.assignee);
    const posts = assignees.flatMap((a) => (a.type === 'position' ? [a] : []));
    const userIds = [...new Set(assignees.flatMap((a) => (a.type === 'user' ? [a.userId] : [])))];
    // Two queries for the whole route, whatever its length (one after the other: inside a unit of work both
    // run on its one connection).
    const held = await this.orgChart.holdersOfMany(posts, on);
    const active = userIds.length ? await this.activeUsers(userIds) : [];
    const map = new Map<string, string[]>();
    for (const a of assignees)
      map.set(
        assigneeKey(a),
        a.type === 'user'
          ? active.filter((id) => id === a.userId)
          : (held.get(`${a.positionId}@${a.departmentId}`) ?? []),
      );
    return map;
  }

  private async activeUsers(ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.uow.query(
      `SELECT id FROM app_user WHERE id = ANY($1::uuid[]) AND active`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** Refuses 合議 and 後閲 assignees that name no existing person, position or department. */
  async requireAssigneesExist(assignees: readonly Assignee[]): Promise<void> {
    const users = assignees.flatMap((a) => (a.type === 'user' ? [a.userId] : []));
    const positions = assignees.flatMap((a) => (a.type === 'position' ? [a.positionId] : []));
    const departments = assignees.flatMap((a) => (a.type === 'position' ? [a.departmentId] : []));
    const count = async (table: string, ids: string[]) => {
      if (!ids.length) return true;
      const unique = [...new Set(ids)];
      const [{ n }]: { n: number }[] = await this.uow.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[])`,
        [unique],
      );
      return n === unique.length;
    };
    const ok =
      (await count('app_user', users)) &&
      (await count('position', positions)) &&
      (await count('department', departments));
    if (!ok) throw new AppException('approval/unknown_assignee');
  }

  /**
   * The number prefix of a document drafted in a department: the name of the nearest 課 or office above it
   * without its suffix (総務係 → 総務課 → 総務).
   */
  async numberPrefix(departmentId: string, on: string): Promise<string> {
    const chain = await this.orgChart.departmentChain(departmentId, on);
    const unit = chain.find((d) => d.kind !== 'section') ?? chain[0];
    // The org chart's own prefix for the day, where one is set (総務 for 総務課); else the name without 課.
    if (unit?.numberPrefix && unit.numberPrefix !== unit.name) return unit.numberPrefix;
    const name = unit?.name ?? '文書';
    const stripped = name.replace(/(委員会|事務局|課|係|室|局|部)$/u, '').replace(/[\s\d０-９第号]/gu, '');
    return stripped || name.replace(/[\s\d０-９第号]/gu, '') || '文書';
  }
}
