import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments of approval documents, and the database's own guard of decided and closed documents.
 *
 * `approval_attachment` links a stored file to a document. A row is only ever removed while it belongs to no
 * submitted version yet; after that it can only be marked `removed_in_version` (a later version leaves it out),
 * and only while the document is back with its drafter. The trigger refuses everything else.
 *
 * `approval_document_guard` refuses, whatever the application does:
 * - deleting a document that is no longer a draft;
 * - changing the substance (content, template, drafter, department, 年度, versions, dates) of a decided document,
 *   or a number once given;
 * - once it is closed (施行済み, 供覧済み, 否決, 取下げ), changing its status, number, completion, retention or its
 *   route, except the acknowledgements of 後閲 steps and the 法令番号 (the formal addition the state machine
 *   allows its document administrator).
 */
export class ApprovalAttachmentsAndSealedDocuments1795390000000 implements MigrationInterface {
  name = 'ApprovalAttachmentsAndSealedDocuments1795390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approval_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES approval_document (id) ON DELETE CASCADE,
        file_id uuid NOT NULL REFERENCES stored_file (id) ON DELETE RESTRICT,
        added_in_version integer NOT NULL CHECK (added_in_version >= 1),
        added_after_submission boolean NOT NULL,
        added_by uuid NOT NULL REFERENCES app_user (id),
        added_at timestamptz NOT NULL DEFAULT now(),
        removed_in_version integer NULL CHECK (removed_in_version > added_in_version)
      )`);
    await q.query(
      `CREATE INDEX approval_attachment_document_idx ON approval_attachment (document_id, added_at)`,
    );
    await q.query(`CREATE INDEX approval_attachment_file_idx ON approval_attachment (file_id)`);

    await q.query(`
      CREATE FUNCTION approval_attachment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        doc_status text;
        last_version integer;
      BEGIN
        SELECT status INTO doc_status FROM approval_document WHERE id = OLD.document_id;
        SELECT coalesce(max(version), 0) INTO last_version FROM approval_document_version
         WHERE document_id = OLD.document_id;
        IF TG_OP = 'DELETE' THEN
          -- The document itself is being deleted (only drafts can be), or the file was never submitted.
          IF doc_status IS NULL OR OLD.added_in_version > last_version THEN RETURN OLD; END IF;
          RAISE EXCEPTION 'approval_attachment %: a submitted attachment cannot be deleted', OLD.id;
        END IF;
        IF (NEW.id, NEW.document_id, NEW.file_id, NEW.added_in_version, NEW.added_after_submission, NEW.added_by,
            NEW.added_at) IS DISTINCT FROM
           (OLD.id, OLD.document_id, OLD.file_id, OLD.added_in_version, OLD.added_after_submission, OLD.added_by,
            OLD.added_at)
           OR OLD.removed_in_version IS NOT NULL
           OR doc_status NOT IN ('sent_back', 'withdrawn')
           OR NEW.removed_in_version IS DISTINCT FROM last_version + 1 THEN
          RAISE EXCEPTION 'approval_attachment %: only leaving it out of the next version is allowed', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER approval_attachment_guard BEFORE UPDATE OR DELETE ON approval_attachment FOR EACH ROW EXECUTE FUNCTION approval_attachment_guard()`,
    );
    await q.query(
      `CREATE TRIGGER approval_attachment_no_truncate BEFORE TRUNCATE ON approval_attachment FOR EACH STATEMENT EXECUTE FUNCTION approval_record_immutable()`,
    );

    // The route of a closed document without its 後閲 steps (which may still be acknowledged) and 法令番号.
    await q.query(`
      CREATE FUNCTION approval_sealed_state(s jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT (s - 'lawNumber') || jsonb_build_object('stages', coalesce((
          SELECT jsonb_agg(stage || jsonb_build_object('steps', coalesce((
                   SELECT jsonb_agg(step ORDER BY j) FROM jsonb_array_elements(stage -> 'steps') WITH ORDINALITY AS y (step, j)
                    WHERE step ->> 'kind' <> 'review'), '[]'::jsonb)) ORDER BY i)
            FROM jsonb_array_elements(s -> 'stages') WITH ORDINALITY AS x (stage, i)), '[]'::jsonb))
      $$`);
    await q.query(`
      CREATE FUNCTION approval_document_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'approval_document %: only a draft can be deleted', OLD.id;
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.number IS NOT NULL AND NEW.number IS DISTINCT FROM OLD.number THEN
          RAISE EXCEPTION 'approval_document %: a document number is never changed', OLD.id;
        END IF;
        IF OLD.status IN ('decided', 'completed', 'circulated', 'rejected', 'discarded') AND
           (NEW.template_id, NEW.drafter_id, NEW.department_id, NEW.fiscal_year, NEW.title, NEW.body, NEW.fields,
            NEW.disclosure, NEW.classification, NEW.retention, NEW.planned_enforcement_on, NEW.counterparty,
            NEW.amount, NEW.consultations, NEW.reviewers, NEW.current_version, NEW.submitted_at, NEW.decided_at,
            NEW.created_at) IS DISTINCT FROM
           (OLD.template_id, OLD.drafter_id, OLD.department_id, OLD.fiscal_year, OLD.title, OLD.body, OLD.fields,
            OLD.disclosure, OLD.classification, OLD.retention, OLD.planned_enforcement_on, OLD.counterparty,
            OLD.amount, OLD.consultations, OLD.reviewers, OLD.current_version, OLD.submitted_at, OLD.decided_at,
            OLD.created_at) THEN
          RAISE EXCEPTION 'approval_document %: a decided document cannot be changed', OLD.id;
        END IF;
        IF OLD.status IN ('completed', 'circulated', 'rejected', 'discarded') AND
           (NEW.status IS DISTINCT FROM OLD.status OR NEW.number IS DISTINCT FROM OLD.number
            OR NEW.completed_at IS DISTINCT FROM OLD.completed_at
            OR NEW.retention_ends_on IS DISTINCT FROM OLD.retention_ends_on
            OR approval_sealed_state(NEW.state) IS DISTINCT FROM approval_sealed_state(OLD.state)) THEN
          RAISE EXCEPTION 'approval_document %: a closed document cannot be changed', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER approval_document_guard BEFORE UPDATE OR DELETE ON approval_document FOR EACH ROW EXECUTE FUNCTION approval_document_guard()`,
    );
    await q.query(
      `CREATE TRIGGER approval_document_no_truncate BEFORE TRUNCATE ON approval_document FOR EACH STATEMENT EXECUTE FUNCTION approval_record_immutable()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER approval_document_no_truncate ON approval_document`);
    await q.query(`DROP TRIGGER approval_document_guard ON approval_document`);
    await q.query(`DROP FUNCTION approval_document_guard()`);
    await q.query(`DROP FUNCTION approval_sealed_state(jsonb)`);
    await q.query(`DROP TABLE approval_attachment`);
    await q.query(`DROP FUNCTION approval_attachment_guard()`);
  }
}
