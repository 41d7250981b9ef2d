import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index behind the document policy in SQL (`ApprovalDocumentPolicy.visibleSql`, used by search): who is on a
 * document's route is a containment test on its stages (`state -> 'stages' @> '[{"steps":[{"holders":[…]}]}]'`),
 * so a person's documents are found through this GIN index instead of reading every route.
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
