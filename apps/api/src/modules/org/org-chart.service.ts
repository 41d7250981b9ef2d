import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A department as it is on a day, with its place in the tree. */
export interface DepartmentOnDay {
  id: string;
  code: string;
  name: string;
  kind: 'office' | 'division' | 'section';
  parentId: string | null;
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The department and every department above it, nearest first. */
  async departmentChain(departmentId: string, on: string): Promise<DepartmentOnDay[]> {
    const rows: DepartmentOnDay[] = await this.dataSource.query(
      `WITH RECURSIVE up AS (
         SELECT d.*, 0 AS depth FROM department d WHERE d.id = $1
         UNION ALL
         SELECT p.*, up.depth + 1 FROM department p JOIN up ON p.id = up.parent_id WHERE up.depth < 20)
       SELECT id, code, name, kind, parent_id AS "parentId" FROM up ORDER BY depth`,
      [departmentId],
    );
    void on; // departments are not effective-dated yet; the parameter keeps callers right when they are
    return rows;
  }

  /** The positions held in a department on a day, highest first (smallest rank), with their holders. */
  async positionsHeldIn(departmentId: string, on: string): Promise<HeldPosition[]> {
    const rows: { position_id: string; code: string; name: string; rank: number; holders: string[] }[] =
      await this.dataSource.query(
        `SELECT p.id AS position_id, p.code, p.name, p.rank,
                array_agg(DISTINCT m.user_id::text ORDER BY m.user_id::text) AS holders
           FROM membership m
           JOIN position p ON p.id = m.position_id
           JOIN app_user u ON u.id = m.user_id AND u.active
          WHERE m.department_id = $1 AND m.valid_from <= $2 AND (m.valid_to IS NULL OR m.valid_to >= $2)
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

  /** The chain above a department with the positions held in each: what default route generation climbs. */
  async chainWithPositions(departmentId: string, on: string): Promise<ChainLink[]> {
    const chain = await this.departmentChain(departmentId, on);
    return Promise.all(chain.map(async (d) => ({ ...d, positions: await this.positionsHeldIn(d.id, on) })));
  }

  /** The head of a department on a day: the highest position held there, or null when nobody holds one. */
  async headOf(departmentId: string, on: string): Promise<HeldPosition | null> {
    return (await this.positionsHeldIn(departmentId, on))[0] ?? null;
  }

  /** A person's 本務 department on a day, or null. */
  async primaryDepartmentOf(userId: string, on: string): Promise<string | null> {
    const rows: { department_id: string }[] = await this.dataSource.query(
      `SELECT department_id FROM membership
        WHERE user_id = $1 AND is_primary AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)
        LIMIT 1`,
      [userId, on],
    );
    return rows[0]?.department_id ?? null;
  }
}
