import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A stored file attached to a document. Removed (as a row) only while no submitted version holds it; after
 * that a later version may only leave it out (`removedInVersion`). The database enforces both (trigger).
 */
@Entity('approval_attachment')
@Index('approval_attachment_document_idx', ['documentId', 'addedAt'])
@Index('approval_attachment_file_idx', ['fileId'])
export class ApprovalAttachmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId!: string;

  @Column({ name: 'added_in_version', type: 'integer' })
  addedInVersion!: number;

  @Column({ name: 'added_after_submission', type: 'boolean' })
  addedAfterSubmission!: boolean;

  @Column({ name: 'added_by', type: 'uuid' })
  addedBy!: string;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt!: Date;

  @Column({ name: 'removed_in_version', type: 'integer', nullable: true })
  removedInVersion!: number | null;
}
