import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records management (文書管理, issue 10).
 *
 * - `records_file_plan_item`: the file plan (文書分類表): 分類記号, 大・中・小分類, the binder's title, 保存年限, and
 *   移管 or 廃棄 at the end; for one department or for all.
 * - `records_binder`: each year's binders (簿冊), made from the plan (one per item, department and 年度); the end
 *   of retention (`retention_ends_on`, extended with a reason), its status through 移管 or 廃棄.
 * - `records_receipt`: the receipt register (受発簿). `serial` is gap-free per department and 年度: taken from
 *   `records_receipt_counter` in the registering transaction, and a receipt is never deleted (a trigger refuses
 *   it); `client_id` makes a resend safe. Its scans: `records_receipt_file`; the 供覧/起案 made from it:
 *   `records_receipt_link`.
 * - `approval_document` gains secrecy (秘文書: `secret`, `secret_until` the last secret day), its binder, and for
 *   a decision made on paper (書面決定) the reason and who decided (`paper_reason`, `paper_decided_by`; the
 *   registering device's `paper_client_id` makes a resend safe).
 * - `records_disposal_list`: a 廃棄目録, approved through its own approval document; `manifest` keeps what was
 *   destroyed (binders, documents, receipts, files with name, size and sha256) for ever.
 * - `stored_file.disposed_at`: the bytes were destroyed at the end of retention; the row stays as proof.
 */
export class RecordsManagement1795580000000 implements MigrationInterface {
  name = 'RecordsManagement1795580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE records_file_plan_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        major text NOT NULL,
        middle text NOT NULL DEFAULT '',
        minor text NOT NULL DEFAULT '',
        title text NOT NULL,
        department_id uuid NULL REFERENCES department (id) ON DELETE RESTRICT,
        retention text NOT NULL CHECK (retention IN ('1', '3', '5', '10', '30', 'permanent')),
        end_action text NOT NULL CHECK (end_action IN ('transfer', 'dispose')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One item per code for all departments, or per code and department.
    await q.query(
      `CREATE UNIQUE INDEX records_file_plan_item_code_idx ON records_file_plan_item (code, COALESCE(department_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
    );

    await q.query(`
      CREATE TABLE records_disposal_list (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        document_id uuid NOT NULL UNIQUE REFERENCES approval_document (id) ON DELETE RESTRICT,
        created_by uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        executed_at timestamptz NULL,
        manifest jsonb NULL
      )`);

    await q.query(`
      CREATE TABLE records_binder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_item_id uuid NOT NULL REFERENCES records_file_plan_item (id) ON DELETE RESTRICT,
        department_id uuid NOT NULL REFERENCES department (id) ON DELETE RESTRICT,
        fiscal_year integer NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        retention text NOT NULL CHECK (retention IN ('1', '3', '5', '10', '30', 'permanent')),
        end_action text NOT NULL CHECK (end_action IN ('transfer', 'dispose')),
        retention_ends_on date NULL,
        status text NOT NULL DEFAULT 'active'
          CHECK (status IN ('active', 'transfer_pending', 'transferred', 'disposal_listed', 'disposed')),
        extensions integer NOT NULL DEFAULT 0,
        extension_reason text NULL,
        disposal_list_id uuid NULL REFERENCES records_disposal_list (id) ON DELETE RESTRICT,
        transferred_at timestamptz NULL,
        disposed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (plan_item_id, department_id, fiscal_year)
      )`);
    await q.query(
      `CREATE INDEX records_binder_year_idx ON records_binder (fiscal_year, department_id, code)`,
    );
    await q.query(
      `CREATE INDEX records_binder_due_idx ON records_binder (retention_ends_on) WHERE status IN ('active', 'transfer_pending')`,
    );

    await q.query(`
      ALTER TABLE approval_document
        ADD COLUMN secret boolean NOT NULL DEFAULT false,
        ADD COLUMN secret_until date NULL,
        ADD COLUMN binder_id uuid NULL REFERENCES records_binder (id) ON DELETE RESTRICT,
        ADD COLUMN paper_reason text NULL,
        ADD COLUMN paper_decided_by text NULL,
        ADD COLUMN paper_client_id uuid NULL UNIQUE,
        ADD CONSTRAINT approval_document_secret_until CHECK (secret OR secret_until IS NULL)`);
    await q.query(`CREATE INDEX approval_document_binder_idx ON approval_document (binder_id)`);
    await q.query(
      `CREATE INDEX approval_document_decided_idx ON approval_document (department_id, decided_at) WHERE decided_at IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE records_receipt_counter (
        department_id uuid NOT NULL REFERENCES department (id) ON DELETE RESTRICT,
        fiscal_year integer NOT NULL,
        last_serial integer NOT NULL,
        PRIMARY KEY (department_id, fiscal_year)
      )`);
    await q.query(`
      CREATE TABLE records_receipt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL UNIQUE,
        department_id uuid NOT NULL REFERENCES department (id) ON DELETE RESTRICT,
        fiscal_year integer NOT NULL,
        serial integer NOT NULL CHECK (serial >= 1),
        number text NOT NULL,
        subject text NOT NULL,
        received_on date NOT NULL,
        sender text NOT NULL,
        sender_number text NOT NULL DEFAULT '',
        sender_date date NULL,
        medium text NOT NULL CHECK (medium IN ('paper', 'electronic')),
        reply_required boolean NOT NULL DEFAULT false,
        reply_due_on date NULL,
        replied_on date NULL,
        binder_id uuid NULL REFERENCES records_binder (id) ON DELETE RESTRICT,
        secret boolean NOT NULL DEFAULT false,
        secret_until date NULL,
        registered_by uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (department_id, fiscal_year, serial),
        CHECK (NOT reply_required OR reply_due_on IS NOT NULL),
        CHECK (secret OR secret_until IS NULL)
      )`);
    await q.query(
      `CREATE INDEX records_receipt_reply_idx ON records_receipt (department_id, reply_due_on) WHERE reply_required AND replied_on IS NULL`,
    );
    await q.query(`CREATE INDEX records_receipt_binder_idx ON records_receipt (binder_id)`);
    await q.query(`
      CREATE FUNCTION records_receipt_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'records_receipt %: a receipt is never deleted (its number stays in the register)', OLD.id;
        END IF;
        IF (NEW.department_id, NEW.fiscal_year, NEW.serial, NEW.number, NEW.received_on, NEW.registered_by, NEW.client_id)
           IS DISTINCT FROM
           (OLD.department_id, OLD.fiscal_year, OLD.serial, OLD.number, OLD.received_on, OLD.registered_by, OLD.client_id) THEN
          RAISE EXCEPTION 'records_receipt %: its number and day of receipt never change', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER records_receipt_guard BEFORE UPDATE OR DELETE ON records_receipt FOR EACH ROW EXECUTE FUNCTION records_receipt_guard()`,
    );
    await q.query(`
      CREATE TABLE records_receipt_file (
        receipt_id uuid NOT NULL REFERENCES records_receipt (id) ON DELETE RESTRICT,
        file_id uuid NOT NULL UNIQUE REFERENCES stored_file (id) ON DELETE RESTRICT,
        position integer NOT NULL,
        added_by uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (receipt_id, file_id)
      )`);
    await q.query(`
      CREATE TABLE records_receipt_link (
        receipt_id uuid NOT NULL REFERENCES records_receipt (id) ON DELETE RESTRICT,
        document_id uuid NOT NULL REFERENCES approval_document (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('circulation', 'reply')),
        created_by uuid NOT NULL REFERENCES app_user (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (receipt_id, document_id)
      )`);
    await q.query(`CREATE INDEX records_receipt_link_document_idx ON records_receipt_link (document_id)`);

    await q.query(`ALTER TABLE stored_file ADD COLUMN disposed_at timestamptz NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stored_file DROP COLUMN disposed_at`);
    await q.query(`DROP TABLE records_receipt_link`);
    await q.query(`DROP TABLE records_receipt_file`);
    await q.query(`DROP TRIGGER records_receipt_guard ON records_receipt`);
    await q.query(`DROP TABLE records_receipt`);
    await q.query(`DROP FUNCTION records_receipt_guard()`);
    await q.query(`DROP TABLE records_receipt_counter`);
    await q.query(`DROP INDEX approval_document_decided_idx`);
    await q.query(`DROP INDEX approval_document_binder_idx`);
    await q.query(`
      ALTER TABLE approval_document
        DROP CONSTRAINT approval_document_secret_until,
        DROP COLUMN paper_client_id, DROP COLUMN paper_decided_by, DROP COLUMN paper_reason, DROP COLUMN binder_id,
        DROP COLUMN secret_until, DROP COLUMN secret`);
    await q.query(`DROP TABLE records_binder`);
    await q.query(`DROP TABLE records_disposal_list`);
    await q.query(`DROP TABLE records_file_plan_item`);
  }
}
