import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Electronic approval (電子決裁): templates, the decision-authority table (専決規程), documents with their
 * immutable versions and append-only actions, the gap-free number counters and the index of who must act.
 */
export class Approvals1795384604706 implements MigrationInterface {
  name = 'Approvals1795384604706';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approval_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        name_en text NOT NULL,
        category text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('decision', 'circulation')),
        form jsonb NOT NULL CHECK ((form ->> 'v') IS NOT NULL),
        default_retention text NOT NULL CHECK (default_retention IN ('1', '3', '5', '10', '30', 'permanent')),
        numbering_timing text NOT NULL CHECK (numbering_timing IN ('draft', 'decision', 'enforcement')),
        financial boolean NOT NULL DEFAULT false,
        department_visible boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE decision_authority_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category text NULL,
        up_to bigint NULL CHECK (up_to IS NULL OR up_to >= 0),
        position_id uuid NOT NULL REFERENCES position (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX decision_authority_rule_bound_uq ON decision_authority_rule (COALESCE(category, ''), COALESCE(up_to, -1))`,
    );

    await q.query(`
      CREATE TABLE approval_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        template_id uuid NOT NULL REFERENCES approval_template (id) ON DELETE RESTRICT,
        drafter_id uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        department_id uuid NOT NULL REFERENCES department (id) ON DELETE RESTRICT,
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2200),
        status text NOT NULL CHECK (status IN ('draft', 'in_progress', 'sent_back', 'withdrawn', 'rejected',
          'decided', 'completed', 'circulated', 'discarded')),
        number text NULL UNIQUE,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        fields jsonb NOT NULL DEFAULT '{}',
        disclosure text NOT NULL CHECK (disclosure IN ('public', 'partial', 'private')),
        classification text NOT NULL DEFAULT '',
        retention text NOT NULL CHECK (retention IN ('1', '3', '5', '10', '30', 'permanent')),
        planned_enforcement_on date NULL,
        counterparty text NULL,
        amount bigint NULL CHECK (amount IS NULL OR amount >= 0),
        consultations jsonb NOT NULL DEFAULT '[]',
        reviewers jsonb NOT NULL DEFAULT '[]',
        current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
        state jsonb NOT NULL,
        lock_version integer NOT NULL DEFAULT 0,
        submitted_at timestamptz NULL,
        decided_at timestamptz NULL,
        completed_at timestamptz NULL,
        retention_ends_on date NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX approval_document_drafter_idx ON approval_document (drafter_id, status, updated_at DESC)`,
    );
    await q.query(`CREATE INDEX approval_document_department_idx ON approval_document (department_id)`);

    await q.query(`
      CREATE TABLE approval_document_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES approval_document (id) ON DELETE RESTRICT,
        version integer NOT NULL CHECK (version >= 1),
        content jsonb NOT NULL,
        hash char(64) NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        created_by uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (document_id, version)
      )`);

    await q.query(`
      CREATE TABLE approval_action (
        id bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES approval_document (id) ON DELETE RESTRICT,
        type text NOT NULL,
        actor_id uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        on_behalf_of uuid[] NOT NULL DEFAULT '{}',
        step_id text NULL,
        comment text NULL,
        version integer NOT NULL,
        idempotency_key text NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX approval_action_document_idx ON approval_action (document_id, id)`);
    await q.query(`CREATE INDEX approval_action_actor_idx ON approval_action (actor_id, document_id)`);
    await q.query(
      `CREATE UNIQUE INDEX approval_action_idempotency_uq ON approval_action (actor_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );

    // Versions and actions are a record: the database refuses to change or remove them.
    await q.query(`
      CREATE FUNCTION approval_record_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    for (const table of ['approval_document_version', 'approval_action']) {
      await q.query(
        `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION approval_record_immutable()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION approval_record_immutable()`,
      );
    }

    await q.query(`
      CREATE TABLE approval_number_counter (
        prefix text NOT NULL,
        fiscal_year integer NOT NULL,
        last_serial integer NOT NULL CHECK (last_serial >= 1),
        PRIMARY KEY (prefix, fiscal_year)
      )`);

    await q.query(`
      CREATE TABLE approval_pending (
        document_id uuid NOT NULL REFERENCES approval_document (id) ON DELETE CASCADE,
        step_id text NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        step_kind text NOT NULL CHECK (step_kind IN ('approve', 'decide', 'consult', 'review', 'acknowledge')),
        activated_at timestamptz NOT NULL,
        PRIMARY KEY (document_id, step_id, user_id)
      )`);
    await q.query(`CREATE INDEX approval_pending_user_idx ON approval_pending (user_id, activated_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE approval_pending`);
    await q.query(`DROP TABLE approval_number_counter`);
    await q.query(`DROP TABLE approval_action`);
    await q.query(`DROP TABLE approval_document_version`);
    await q.query(`DROP FUNCTION approval_record_immutable()`);
    await q.query(`DROP TABLE approval_document`);
    await q.query(`DROP TABLE decision_authority_rule`);
    await q.query(`DROP TABLE approval_template`);
  }
}
