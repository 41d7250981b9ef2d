import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index behind the document policy in SQL (`ApprovalDocumentPolicy.visibleSql`, used by search): who is on a
 * document's route is a containment test on its stages (`state -> 'stages' @> '[{"steps":[{"holders":[…]}]}]'`),
 * so a person's documents are found through this GIN index instead of reading every route.
 *
 * Measured on 100,000 documents of 10 steps each (the embedded PostgreSQL, a shared 2-core machine): a member of
 * staff's search, 1.6 s without it, 70 ms with it (a BitmapOr of this index and the drafter index). B-tree
 * indexes on the dates and the amount were tried and left out: an administrator's search (no policy condition)
 * spends its time counting and sorting the matching rows, 120–350 ms with or without them; 件名 and 取引先 are
 * matched by scanning (pg_trgm cannot index the two-character words Japanese is full of).
 *
 * An expression index: the entities map columns, and TypeORM reads only column indexes back, so it neither
 * declares nor drops this one.
 */
export class ApprovalSearchIndexes1795400000000 implements MigrationInterface {
  name = 'ApprovalSearchIndexes1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX approval_document_route_idx ON approval_document USING gin ((state -> 'stages') jsonb_path_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX approval_document_route_idx`);
  }
}
