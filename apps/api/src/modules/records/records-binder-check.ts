import type { EntityManager } from 'typeorm';
import { AppException } from '../../core/errors/app.exception';

/**
 * A record (receipt, paper decision) is filed in a binder still in use of its department or of one above it (a 係's document in its 課's binder); answers the id,
 * or null when none is chosen. (Drafts check the same in ApprovalDraftsService, which cannot depend on records.)
 */
export async function requireActiveBinder(
  em: EntityManager,
  binderId: string | null,
  departmentId: string,
): Promise<string | null> {
  if (binderId === null) return null;
  const [row]: { ok: boolean }[] = await em.query(
    `SELECT TRUE AS ok FROM records_binder b
      WHERE b.id = $1 AND b.status = 'active' AND b.department_id IN (
        WITH RECURSIVE up AS (
          SELECT $2::uuid AS id, 0 AS depth
          UNION
          SELECT v.parent_id, up.depth + 1 FROM department_version v JOIN up ON v.department_id = up.id
           WHERE v.parent_id IS NOT NULL AND v.valid_from <= CURRENT_DATE
             AND (v.valid_to IS NULL OR v.valid_to >= CURRENT_DATE) AND up.depth < 20)
        SELECT id FROM up)`,
    [binderId, departmentId],
  );
  if (!row) throw new AppException('approval/binder_not_allowed');
  return binderId;
}
