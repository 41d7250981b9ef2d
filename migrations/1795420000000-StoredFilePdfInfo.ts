import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the PDF check at upload finds in a PDF (issue 7): its page count on the file's row (NULL for files that
 * are not PDFs or were stored without the check), and each page's text for search, one row per page (pages
 * without text are kept as empty rows, so page numbers stay those of the viewer). Search scans the text, as the
 * approval search does (pg_trgm cannot index Japanese two-character words); no index beyond the key.
 */
export class StoredFilePdfInfo1795420000000 implements MigrationInterface {
  name = 'StoredFilePdfInfo1795420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stored_file ADD COLUMN page_count integer NULL CHECK (page_count >= 0)`);
    await q.query(`
      CREATE TABLE stored_file_text (
        file_id uuid NOT NULL REFERENCES stored_file (id) ON DELETE CASCADE,
        page integer NOT NULL CHECK (page >= 1),
        text text NOT NULL,
        PRIMARY KEY (file_id, page)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stored_file_text`);
    await q.query(`ALTER TABLE stored_file DROP COLUMN page_count`);
  }
}
