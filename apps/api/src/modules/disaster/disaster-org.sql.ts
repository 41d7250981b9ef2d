/**
 * SQL over the org chart for the disaster module (read only, as the meetings policy reads memberships): the
 * departments as they are on a day, and each person's 本務 department that day. `$day` is a `::date` parameter.
 * A department with versions counts on the days a version covers (its name and parent of that day); one without
 * any version (created before versions existed) counts as its row says.
 */
export const departmentsOnSql = (day: string) => `
  SELECT d.id, COALESCE(v.name, d.name) AS name, COALESCE(v.kind, d.kind) AS kind,
         CASE WHEN v.department_id IS NULL THEN d.parent_id ELSE v.parent_id END AS parent_id,
         d.sort_order, d.code
    FROM department d
    LEFT JOIN department_version v
           ON v.department_id = d.id AND v.valid_from <= ${day} AND (v.valid_to IS NULL OR v.valid_to >= ${day})
   WHERE v.department_id IS NOT NULL
      OR NOT EXISTS (SELECT 1 FROM department_version x WHERE x.department_id = d.id)`;

/** Each person's 本務 (primary) department on the day: `(user_id, department_id)`. */
export const primaryDepartmentsOnSql = (day: string) => `
  SELECT DISTINCT ON (m.user_id) m.user_id, m.department_id
    FROM membership m
   WHERE m.is_primary AND m.valid_from <= ${day} AND (m.valid_to IS NULL OR m.valid_to >= ${day})
   ORDER BY m.user_id, m.valid_from DESC`;
