import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One action on a document (append-only): who, what, for whom, on which version, when. */
@Entity('approval_action')
@Index('approval_action_document_idx', ['documentId', 'id'])
@Index('approval_action_actor_type_idx', ['actorId', 'type', 'documentId'])
@Index('approval_action_idempotency_uq', ['actorId', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
export class ApprovalActionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ name: 'on_behalf_of', type: 'uuid', array: true, default: () => "'{}'" })
  onBehalfOf!: string[];

  @Column({ name: 'step_id', type: 'text', nullable: true })
  stepId!: string | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
