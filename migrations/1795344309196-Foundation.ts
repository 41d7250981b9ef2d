import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Files, org chart, users, sessions and the audit hash chain. */
export class Foundation1795344309196 implements MigrationInterface {
  name = 'Foundation1795344309196';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE stored_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        mime_type text NOT NULL,
        name text NOT NULL,
        purpose text NOT NULL,
        owner_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stored_file_sha256_idx ON stored_file (sha256)`);

    await q.query(`
      CREATE TABLE department (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid NULL REFERENCES department (id) ON DELETE RESTRICT,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        name_kana text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('office', 'division', 'section')),
        sort_order integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE INDEX department_parent_idx ON department (parent_id)`);

    await q.query(`
      CREATE TABLE position (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        name_en text NOT NULL,
        rank integer NOT NULL CHECK (rank BETWEEN 1 AND 999),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        staff_number text NOT NULL UNIQUE,
        family_name text NOT NULL,
        given_name text NOT NULL,
        family_name_kana text NOT NULL,
        given_name_kana text NOT NULL,
        email text NULL,
        role text NOT NULL DEFAULT 'staff' CHECK (role IN ('staff', 'admin')),
        locale text NOT NULL DEFAULT 'ja' CHECK (locale IN ('ja', 'en')),
        password_hash text NULL,
        failed_sign_ins integer NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
        locked_until timestamptz NULL,
        active boolean NOT NULL DEFAULT true,
        photo_file_id uuid NULL REFERENCES stored_file (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `ALTER TABLE stored_file ADD CONSTRAINT stored_file_owner_fk FOREIGN KEY (owner_id) REFERENCES app_user (id) ON DELETE SET NULL`,
    );

    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        department_id uuid NOT NULL REFERENCES department (id) ON DELETE RESTRICT,
        position_id uuid NOT NULL REFERENCES position (id) ON DELETE RESTRICT,
        is_primary boolean NOT NULL,
        valid_from date NOT NULL,
        valid_to date NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT membership_dates CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CONSTRAINT membership_one_primary EXCLUDE USING gist (
          user_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&
        ) WHERE (is_primary)
      )`);
    await q.query(`CREATE INDEX membership_user_idx ON membership (user_id)`);
    await q.query(`CREATE INDEX membership_department_idx ON membership (department_id)`);

    await q.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash char(64) NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        revoked_reason text NULL CHECK (revoked_reason IN ('signed_out', 'revoked', 'expired', 'password_changed')),
        user_agent text NULL,
        ip_address text NULL
      )`);
    await q.query(`CREATE INDEX user_session_active_idx ON user_session (user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        type text NOT NULL,
        actor_id uuid NULL,
        subject text NULL,
        data jsonb NOT NULL,
        ip_address text NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX audit_event_type_idx ON audit_event (type, id)`);
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    await q.query(`DROP TABLE user_session`);
    await q.query(`DROP TABLE membership`);
    await q.query(`ALTER TABLE stored_file DROP CONSTRAINT stored_file_owner_fk`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE position`);
    await q.query(`DROP TABLE department`);
    await q.query(`DROP TABLE stored_file`);
  }
}
