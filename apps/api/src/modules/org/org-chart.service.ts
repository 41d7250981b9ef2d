import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../core/database/unit-of-work';

/** A department as it is on a day, with its place in the tree. */
export interface DepartmentOnDay {
  id: string;
  code: string;
  name: string;
  kind: 'office' | 'division' | 'section';
  parentId: string | null;
  /** The prefix of its document numbers that day (総務 in 総務第123号): its number prefix, else its name. */
  numberPrefix: string;
}

/** A position in a department on a day, and the active people who hold it (本務 and 兼務). */
export interface HeldPosition {
  positionId: string;
  code: string;
  name: string;
  rank: number;
  holders: string[];
}

/** A department of a chain with the positions held in it: the input of default route generation. */
export interface ChainLink extends DepartmentOnDay {
  positions: HeldPosition[];
}

/**
 * Questions about the org chart on a given day, for other modules (approval routes, chat channels, attendance):
 * who holds position P of department D (兼務 included), the chain of departments above D, a department's head.
 * Dates are Japan dates (`YYYY-MM-DD`), inclusive at both ends, so a transfer or reorganisation entered ahead
 * answers differently from its first day.
 */
@Injectable()
export class OrgChartService {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * The department and every department above it as they are on the day (the parent of that day, the names
   * of that day), nearest first. Empty when the department does not exist that day (not yet 新設, or 廃止).
   */
  async departmentChain(departmentId: string, on: string): Promise<DepartmentOnDay[]> {
    return this.uow.query(
      `WITH RECURSIVE up AS (
         SELECT v.department_id AS id, v.parent_id, v.name, v.kind, v.number_prefix, 0 AS depth
           FROM department_version v
          WHERE v.department_id = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)
         UNION ALL
         SELECT v.department_id, v.parent_id, v.name, v.kind, v.number_prefix, up.depth + 1
           FROM department_version v JOIN up ON v.department_id = up.parent_id
          WHERE v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2) AND up.depth < 20)
       SELECT up.id, d.code, up.name, up.kind, up.parent_id AS "parentId",
              COALESCE(up.number_prefix, up.name) AS "numberPrefix"
         FROM up JOIN department d ON d.id = up.id
        ORDER BY up.depth`,
      [departmentId, on],
    );
  }

  /** A department as it is on the day (name, number prefix, parent), or null when it does not exist that day. */
  async departmentOn(departmentId: string, on: string): Promise<DepartmentOnDay | null> {
    const rows: DepartmentOnDay[] = await this.uow.query(
      `SELECT d.id, d.code, v.name, v.kind, v.parent_id AS "parentId",
              COALESCE(v.number_prefix, v.name) AS "numberPrefix"
         FROM department_version v JOIN department d ON d.id = v.department_id
        WHERE v.department_id = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2)`,
      [departmentId, on],
    );
    return rows[0] ?? null;
  }

  /**
   * The positions held in a department on a day, highest first (smallest rank), with their holders. None on a
   * day the department does not exist: people left in a department after its 廃止・統合 hold nothing there.
   */
  async positionsHeldIn(departmentId: string, on: string): Promise<HeldPosition[]> {
    const rows: { position_id: string; code: string; name: string; rank: number; holders: string[] }[] =
      await this.uow.query(
        `SELECT p.id AS position_id, p.code, p.name, p.rank,
                array_agg(DISTINCT m.user_id::text ORDER BY m.user_id::text) AS holders
           FROM membership m
           JOIN position p ON p.id = m.position_id
           JOIN app_user u ON u.id = m.user_id AND u.active
          WHERE m.department_id = $1 AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)
            AND EXISTS (SELECT 1 FROM department_version v WHERE v.department_id = $1
                          AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to >= $2))
          GROUP BY p.id, p.code, p.name, p.rank
          ORDER BY p.rank, p.code`,
        [departmentId, on],
      );
    return rows.map((r) => ({
      positionId: r.position_id,
      code: r.code,
      name: r.name,
      rank: r.rank,
      holders: r.holders,
    }));
  }

  /** The active people who hold position P of department D on a day (本務 and 兼務). */
  async holdersOf(positionId: string, departmentId: string, on: string): Promise<string[]> {
    const held = await this.positionsHeldIn(departmentId, on);
    return held.find((p) => p.positionId === positionId)?.holders ?? [];
  }

  /**
   * The holders of several posts (position P of department D) on a day in one query, keyed `P@D`; a post nobody
   * holds, or of a department that does not exist that day, has an empty list.
   */
  async holdersOfMany(
    posts: readonly { positionId: string; departmentId: string }[],
    on: string,
  ): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(posts.map((p) => [`${p.positionId}@${p.departmentId}`, []]));
    if (!posts.length) return map;
    const rows: { post: string; holders: string[] }[] = await this.uow.query(
      `SELECT x.position_id::text || '@' || x.department_id::text AS post,
              array_agg(DISTINCT m.user_id::text ORDER BY m.user_id::text) AS holders
         FROM unnest($1::uuid[], $2::uuid[]) AS x (position_id, department_id)
         JOIN membership m ON m.position_id = x.position_id AND m.department_id = x.department_id
              AND m.valid_from <= $3 AND (m.valid_to IS NULL OR m.valid_to >= $3)
         JOIN app_user u ON u.id = m.user_id AND u.active
        WHERE EXISTS (SELECT 1 FROM department_version v WHERE v.department_id = x.department_id
                        AND v.valid_from <= $3 AND (v.valid_to IS NULL OR v.valid_to >= $3))
        GROUP BY 1`,
      [posts.map((p) => p.positionId), posts.map((p) => p.departmentId), on],
    );
    for (const r of rows) map.set(r.post, r.holders);
    return map;
  }

  /** The chain above a department with the positions held in each: what default route generation climbs. */
  async chainWithPositions(departmentId: string, on: string): Promise<ChainLink[]> {
    const chain = await this.departmentChain(departmentId, on);
    return Promise.all(chain.map(async (d) => ({ ...d, positions: await this.positionsHeldIn(d.id, on) })));
  }

  /** The head of a department on a day: the highest position held there, or null when nobody holds one. */
  async headOf(departmentId: string, on: string): Promise<HeldPosition | null> {
    return (await this.positionsHeldIn(departmentId, on))[0] ?? null;
  }

  /**
   * The active people who may act for a person on a day (代決者): those registered for the person, and those
   * registered for a position of a department the person holds that day (本務 or 兼務).
   */
  async deputiesOf(userId: string, on: string): Promise<string[]> {
    const rows: { id: string }[] = await this.uow.query(
      `SELECT DISTINCT x.deputy_user_id::text AS id
         FROM deputy x JOIN app_user u ON u.id = x.deputy_user_id AND u.active
        WHERE x.valid_from <= $2 AND (x.valid_to IS NULL OR x.valid_to >= $2) AND x.deputy_user_id <> $1
          AND (x.principal_user_id = $1
               OR EXISTS (SELECT 1 FROM membership m
                           WHERE m.user_id = $1 AND m.position_id = x.principal_position_id
                             AND m.department_id = x.principal_department_id
                             AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)))
        ORDER BY 1`,
      [userId, on],
    );
    return rows.map((r) => r.id);
  }

  /** The active people someone may act for on a day: the reverse of `deputiesOf`. */
  async principalsOf(deputyId: string, on: string): Promise<string[]> {
    const rows: { id: string }[] = await this.uow.query(
      `WITH principal AS (
         SELECT x.principal_user_id AS id FROM deputy x
          WHERE x.deputy_user_id = $1 AND x.principal_user_id IS NOT NULL
            AND x.valid_from <= $2 AND (x.valid_to IS NULL OR x.valid_to >= $2)
         UNION
         SELECT m.user_id FROM deputy x
           JOIN membership m ON m.position_id = x.principal_position_id
                AND m.department_id = x.principal_department_id
                AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)
          WHERE x.deputy_user_id = $1 AND x.valid_from <= $2 AND (x.valid_to IS NULL OR x.valid_to >= $2))
       SELECT p.id::text AS id FROM principal p JOIN app_user u ON u.id = p.id AND u.active
        WHERE p.id <> $1
        ORDER BY 1`,
      [deputyId, on],
    );
    return rows.map((r) => r.id);
  }

  /** A person's 本務 department on a day, or null. */
  async primaryDepartmentOf(userId: string, on: string): Promise<string | null> {
    const rows: { department_id: string }[] = await this.uow.query(
      `SELECT department_id FROM membership
        WHERE user_id = $1 AND is_primary AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)
        LIMIT 1`,
      [userId, on],
    );
    return rows[0]?.department_id ?? null;
  }
}
