import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StepKind } from '@ringi/domain';

/** Who must act on which active step: the index behind the 未処理 and 後閲 inboxes. */
@Entity('approval_pending')
@Index('approval_pending_user_idx', ['userId', 'activatedAt'])
@Index('approval_pending_user_kind_idx', ['userId', 'stepKind', 'documentId'])
export class ApprovalPendingEntity {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @PrimaryColumn({ name: 'step_id', type: 'text' })
  stepId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'step_kind', type: 'text' })
  stepKind!: StepKind;

  @Column({ name: 'activated_at', type: 'timestamptz' })
  activatedAt!: Date;
}
