import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An immutable snapshot of a document as submitted, with sha256 over its canonical JSON. */
@Entity('approval_document_version')
@Unique('approval_document_version_document_id_version_key', ['documentId', 'version'])
export class ApprovalDocumentVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Column({ type: 'char', length: 64 })
  hash!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
