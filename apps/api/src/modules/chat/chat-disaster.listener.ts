import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { UnitOfWork } from '../../core/database/unit-of-work';
import {
  DISASTER_ROLL_CALL_CLOSED,
  DISASTER_ROLL_CALL_STARTED,
  type DisasterRollCallClosedEvent,
  type DisasterRollCallStartedEvent,
} from '../disaster/disaster.events';
import { ChatMessagesService } from './chat-messages.service';

/**
 * A disaster roll-call (安否確認) also goes into the all-staff channel, where people already look in an emergency:
 * a message of the system with @channel and the link to answer; its closing too. The roll-call itself (answers,
 * tally, notifications) stays in the disaster module. The client id is derived from the roll-call, so a second
 * delivery of the event posts nothing twice.
 */
@Injectable()
export class ChatDisasterListener {
  private readonly logger = new Logger('ChatDisaster');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly messages: ChatMessagesService,
  ) {}

  @OnEvent(DISASTER_ROLL_CALL_STARTED, { async: true, promisify: true })
  async onStarted(event: DisasterRollCallStartedEvent): Promise<void> {
    const text = [
      `@channel **${event.title}**`,
      event.message,
      `[安否を回答する（無事・要支援・参集可能）](/disaster/${event.rollCallId})`,
    ]
      .filter((line) => line.trim())
      .join('\n\n');
    await this.post(event.rollCallId, 'started', text);
  }

  @OnEvent(DISASTER_ROLL_CALL_CLOSED, { async: true, promisify: true })
  async onClosed(event: DisasterRollCallClosedEvent): Promise<void> {
    await this.post(event.rollCallId, 'closed', `**${event.title}** の受付を終了しました。`);
  }

  private async post(rollCallId: string, what: 'started' | 'closed', text: string): Promise<void> {
    try {
      await this.uow.run(async (tx) => {
        const [channel]: { id: string }[] = await tx.em.query(
          `SELECT id FROM chat_channel WHERE kind = 'all_staff'`,
        );
        if (!channel) return;
        // One message per roll-call and step (a uuid made from them: the second delivery finds the first).
        const clientId = uuidOf(`disaster:${rollCallId}:${what}`);
        const [exists]: { id: string }[] = await tx.em.query(
          `SELECT id FROM chat_message WHERE client_id = $1 AND author_id IS NULL`,
          [clientId],
        );
        if (exists) return;
        await this.messages.postSystem(tx, channel.id, clientId, text);
      });
    } catch (error) {
      this.logger.warn({ err: error, rollCallId }, 'roll-call not posted to the all-staff channel');
    }
  }
}

/** A uuid made from a key (the same key, the same uuid). */
function uuidOf(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
