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

/** A step waited long enough: its holders, or later its drafter, are reminded (`approval.reminder_due`). */
export const APPROVAL_REMINDER_DUE_EVENT = 'approval.reminder_due';
export interface ReminderDueEventShape {
  documentId: string;
  title: string;
  recipient: 'holder' | 'drafter';
  userIds: string[];
  workingDays: number;
  holderNames: string[];
  assigneeLabel: string;
}

/** An active step's position is held by nobody (`approval.step_vacant`): its superiors may 引き上げ. */
export const APPROVAL_STEP_VACANT_EVENT = 'approval.step_vacant';
export interface StepVacantEventShape {
  documentId: string;
  title: string;
  assigneeLabel: string;
  superiorIds: string[];
  drafterId: string;
}

/** Where a document waits, for its drafter: `山田 太郎さん・佐藤 花子さん`, or the vacant post. */
function waitingWith(event: ReminderDueEventShape): { ja: string; en: string } {
  const names = event.holderNames.filter(Boolean);
  if (names.length) return { ja: names.map((n) => `${n}さん`).join('・'), en: names.join(', ') };
  return { ja: `${event.assigneeLabel}（空席）`, en: `${event.assigneeLabel} (vacant)` };
}

/** The app path of a document in the web app. */
export const approvalDocumentLink = (documentId: string) => `/approvals/${encodeURIComponent(documentId)}`;

/**
 * A document reached someone: each holder of the step gets a notification that opens it. Reminders of a step
 * that waits, and a step left without holders, are told the same way.
 */
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

  @OnEvent(APPROVAL_REMINDER_DUE_EVENT, { async: true, promisify: true })
  async onReminderDue(event: ReminderDueEventShape): Promise<void> {
    const days = event.workingDays;
    const who = waitingWith(event);
    const input =
      event.recipient === 'holder'
        ? {
            kind: 'approval.reminder',
            title: {
              ja: `「${event.title}」の処理をお願いします（${days}日経過）`,
              en: `Please act on "${event.title}" (waiting ${days} working days)`,
            },
            body: {
              ja: `届いてから開庁日で${days}日が経ちました。内容を確かめて処理してください。`,
              en: `It reached you ${days} working days ago. Please read it and act on it.`,
            },
          }
        : {
            kind: 'approval.stalled',
            title: {
              ja: `「${event.title}」が${who.ja}のところで止まっています`,
              en: `"${event.title}" is waiting with ${who.en}`,
            },
            body: {
              ja: `開庁日で${days}日、処理されていません。`,
              en: `It has not been acted on for ${days} working days.`,
            },
          };
    await this.deliver(event.documentId, event.userIds, input, 'notifying a reminder failed');
  }

  @OnEvent(APPROVAL_STEP_VACANT_EVENT, { async: true, promisify: true })
  async onStepVacant(event: StepVacantEventShape): Promise<void> {
    const label = event.assigneeLabel;
    const title = {
      ja: `「${event.title}」の${label}が空席です`,
      en: `"${event.title}": ${label} is vacant`,
    };
    if (event.superiorIds.length)
      await this.deliver(
        event.documentId,
        event.superiorIds,
        {
          kind: 'approval.step_vacant',
          title,
          body: {
            ja: '回付先の上位者として、この段階を引き上げて処理できます。',
            en: 'As a superior on its route you may act for this step (引き上げ).',
          },
        },
        'notifying a vacant step failed',
      );
    else
      await this.deliver(
        event.documentId,
        [event.drafterId],
        {
          kind: 'approval.step_vacant',
          title,
          body: {
            ja: 'この段階を処理できる人がいません。文書管理者に相談してください。',
            en: 'Nobody can act on this step now. Please ask the document administrator.',
          },
        },
        'notifying a vacant step failed',
      );
  }

  private async deliver(
    documentId: string,
    userIds: readonly string[],
    input: { kind: string; title: { ja: string; en: string }; body: { ja: string; en: string } },
    failure: string,
  ): Promise<void> {
    try {
      await this.uow.run((tx) =>
        this.notifications.notify(tx, { userIds, ...input, link: approvalDocumentLink(documentId) }),
      );
    } catch (error) {
      this.logger.error({ err: error, documentId }, failure);
    }
  }
}
