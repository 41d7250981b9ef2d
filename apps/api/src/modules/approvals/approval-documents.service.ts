import { Injectable } from '@nestjs/common';
import type {
  ApprovalActionRequest,
  ApprovalDocument,
  ApprovalInbox,
  ApprovalInboxCounts,
  ApprovalInboxQuery,
  CreateApprovalDraftRequest,
  UpdateApprovalDraftRequest,
} from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { AppException } from '../../core/errors/app.exception';
import type { UploadedFile } from '../../core/files/files.service';
import { ApprovalActionsService } from './approval-actions.service';
import { ApprovalAttachmentsService } from './approval-attachments.service';
import { ApprovalDraftsService } from './approval-drafts.service';
import { ApprovalReadService } from './approval-read.service';

const IDEMPOTENCY_KEY = /^[0-9A-Za-z_-]{8,80}$/;

type Defaults<T, K extends keyof T> = Omit<T, K> & Required<Pick<T, K>>;

/** What the controller calls: each operation, then the document as the caller may now see it. */
@Injectable()
export class ApprovalDocumentsService {
  constructor(
    private readonly drafts: ApprovalDraftsService,
    private readonly actions: ApprovalActionsService,
    private readonly read: ApprovalReadService,
    private readonly attachments: ApprovalAttachmentsService,
  ) {}

  async create(
    user: AuthUser,
    input: Defaults<
      CreateApprovalDraftRequest,
      | 'body'
      | 'fields'
      | 'disclosure'
      | 'classification'
      | 'plannedEnforcementOn'
      | 'counterparty'
      | 'amount'
      | 'consultations'
      | 'reviewers'
    >,
  ): Promise<ApprovalDocument> {
    return this.read.document(user, await this.drafts.create(user, input));
  }

  get(user: AuthUser, id: string): Promise<ApprovalDocument> {
    return this.read.document(user, id);
  }

  async update(user: AuthUser, id: string, patch: UpdateApprovalDraftRequest): Promise<ApprovalDocument> {
    await this.drafts.update(user, id, patch);
    return this.read.document(user, id);
  }

  async attach(user: AuthUser, id: string, file: UploadedFile | undefined): Promise<ApprovalDocument> {
    await this.attachments.add(user, id, file);
    return this.read.document(user, id);
  }

  async detach(user: AuthUser, id: string, attachmentId: string): Promise<ApprovalDocument> {
    await this.attachments.remove(user, id, attachmentId);
    return this.read.document(user, id);
  }

  async copy(user: AuthUser, id: string): Promise<ApprovalDocument> {
    return this.read.document(user, await this.drafts.copy(user, id));
  }

  async act(
    user: AuthUser,
    id: string,
    request: ApprovalActionRequest,
    idempotencyKey: string | undefined,
  ): Promise<ApprovalDocument> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw new AppException('request/validation_failed', [
        { path: ['Idempotency-Key'], message: '8 to 80 letters, digits, - or _' },
      ]);
    await this.actions.act(user, id, request, idempotencyKey ?? null);
    return this.read.document(user, id);
  }

  inbox(user: AuthUser, query: ApprovalInboxQuery): Promise<ApprovalInbox> {
    return this.read.inbox(user, query.box, query.page, query.pageSize);
  }

  counts(user: AuthUser): Promise<ApprovalInboxCounts> {
    return this.read.counts(user.id);
  }
}
