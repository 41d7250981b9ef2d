import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { NotificationsService } from './notifications.service';

/**
 * The event the approvals module emits after commit when a step becomes active (`approval.step_activated` in
 * modules/approvals/approvals.events.ts). Only the fields used here are named, so this module does not import
 * the approvals module (events are the agreed boundary, and it compiles whichever lands first).
 */
export const APPROVAL_STEP_ACTIVATED_EVENT = 'approval.step_activated';
export interface StepActivatedEventShape {
  documentId: string;
  title: string;
  userIds: string[];
}

/** The app path of a document in the web app. */
export const approvalDocumentLink = (documentId: string) => `/approvals/${encodeURIComponent(documentId)}`;

/** A document reached someone: each holder of the step gets a notification that opens it. */
@Injectable()
export class ApprovalNotificationsListener {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationsService,
  ) {}

  @OnEvent(APPROVAL_STEP_ACTIVATED_EVENT, { async: true, promisify: true })
  async onStepActivated(event: StepActivatedEventShape): Promise<void> {
    try {
      await this.uow.run((tx) =>
        this.notifications.notify(tx, {
          userIds: event.userIds,
          kind: 'approval.step_activated',
          title: {
            ja: `決裁文書が届きました：${event.title}`,
            en: `A document has reached you: ${event.title}`,
          },
          body: {
            ja: '内容を確かめて、承認・決裁などの処理をしてください。',
            en: 'Please read it and act on it (approve, decide or send back).',
          },
          link: approvalDocumentLink(event.documentId),
        }),
      );
    } catch (error) {
      this.logger.error({ err: error, documentId: event.documentId }, 'notifying an active step failed');
    }
  }
}
