import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Effective-dated departments (新設, 改称, 統合, 廃止, 移管 entered ahead) and deputies (代決者).
 *
 * `department_version` holds what a department is on each day: name, reading, kind, parent and the prefix of
 * its document numbers (総務 in 総務第123号); a department exists on the days one of its versions covers, and
 * versions of one department never overlap. Every existing department gets one version from 1900-01-01 with
 * its current values, and a trigger gives every department inserted later such a version too, so code that
 * inserts a department row (the demo seed, test factories) keeps a complete history.
 *
 * `deputy`: who may act for a person, or for whoever holds a position of a department, between two dates.
 */
export class DepartmentVersionsAndDeputies1795384550611 implements MigrationInterface {
  name = 'DepartmentVersionsAndDeputies1795384550611';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE department_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        department_id uuid NOT NULL REFERENCES department (id) ON DELETE CASCADE,
        valid_from date NOT NULL,
        valid_to date NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
        name_kana text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('office', 'division', 'section')),
        parent_id uuid NULL REFERENCES department (id),
        number_prefix text NULL CHECK (number_prefix IS NULL OR length(number_prefix) BETWEEN 1 AND 20),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT department_version_dates CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CONSTRAINT department_version_not_own_parent CHECK (parent_id IS NULL OR parent_id <> department_id),
        CONSTRAINT department_version_no_overlap EXCLUDE USING gist (
          department_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&
        )
      )`);
    await q.query(`CREATE INDEX department_version_parent_idx ON department_version (parent_id)`);
    await q.query(`
      INSERT INTO department_version (department_id, valid_from, name, name_kana, kind, parent_id)
      SELECT id, DATE '1900-01-01', name, name_kana, kind, parent_id FROM department`);
    await q.query(`
      CREATE FUNCTION department_first_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO department_version (department_id, valid_from, name, name_kana, kind, parent_id)
        VALUES (NEW.id, DATE '1900-01-01', NEW.name, NEW.name_kana, NEW.kind, NEW.parent_id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER department_first_version AFTER INSERT ON department
      FOR EACH ROW EXECUTE FUNCTION department_first_version()`);

    await q.query(`
      CREATE TABLE deputy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        principal_user_id uuid NULL REFERENCES app_user (id) ON DELETE CASCADE,
        principal_position_id uuid NULL REFERENCES position (id) ON DELETE CASCADE,
        principal_department_id uuid NULL REFERENCES department (id) ON DELETE CASCADE,
        deputy_user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        valid_from date NOT NULL,
        valid_to date NULL,
        reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
        source text NOT NULL CHECK (source IN ('admin', 'self', 'leave')),
        created_by uuid NULL REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deputy_principal CHECK (
          (principal_user_id IS NOT NULL AND principal_position_id IS NULL AND principal_department_id IS NULL)
          OR (principal_user_id IS NULL AND principal_position_id IS NOT NULL AND principal_department_id IS NOT NULL)),
        CONSTRAINT deputy_not_self CHECK (principal_user_id IS NULL OR principal_user_id <> deputy_user_id),
        CONSTRAINT deputy_dates CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CONSTRAINT deputy_person_no_overlap EXCLUDE USING gist (
          principal_user_id WITH =, deputy_user_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&
        ) WHERE (principal_user_id IS NOT NULL),
        CONSTRAINT deputy_position_no_overlap EXCLUDE USING gist (
          principal_position_id WITH =, principal_department_id WITH =, deputy_user_id WITH =,
          daterange(valid_from, valid_to, '[]') WITH &&
        ) WHERE (principal_position_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX deputy_principal_user_idx ON deputy (principal_user_id)`);
    await q.query(`CREATE INDEX deputy_deputy_user_idx ON deputy (deputy_user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deputy`);
    await q.query(`DROP TRIGGER department_first_version ON department`);
    await q.query(`DROP FUNCTION department_first_version()`);
    await q.query(`DROP TABLE department_version`);
  }
}
