import { Injectable } from '@nestjs/common';
import type { ChatDraftCreated } from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { AppException } from '../../core/errors/app.exception';
import { ApprovalDraftsService } from '../approvals/approval-drafts.service';
import { ChatMessagesService } from './chat-messages.service';

/** How long a title taken from a message may be (the approval title's limit is 200). */
const TITLE_MAX = 60;

/**
 * 「起案にする」: turns a message, or the whole thread it starts, into a draft 起案 of the person. The title is the
 * root message's first line, the body the messages in order with their senders and times and a link back to the
 * thread, the files of the messages are attached (copies). Anyone who may read the channel may; the draft is
 * theirs, with the default route.
 */
@Injectable()
export class ChatDraftsService {
  constructor(
    private readonly messages: ChatMessagesService,
    private readonly drafts: ApprovalDraftsService,
  ) {}

  async fromMessage(user: AuthUser, channelId: string, messageId: string): Promise<ChatDraftCreated> {
    const message = await this.messages.one(user, channelId, messageId);
    const rootId = message.threadRootId ?? message.id;
    const thread = await this.messages.thread(user, channelId, rootId);
    const all = message.threadRootId ? [message] : [thread.root, ...thread.replies];
    const live = all.filter((m) => !m.deletedAt);
    if (!live.length) throw new AppException('chat/message_deleted');
    const plain = (text: string) => text.replace(/<@[0-9a-f-]{36}>/gi, '@').trim();
    const firstLine =
      plain(live[0]!.text)
        .split('\n')
        .find((l) => l.trim()) ?? '';
    const title = firstLine.replace(/^[#>*\-\s]+/, '').slice(0, TITLE_MAX) || 'チャットからの起案';
    const time = (iso: string) =>
      new Intl.DateTimeFormat('ja-JP', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Asia/Tokyo',
      }).format(new Date(iso));
    const body = [
      ...live.map((m) => `【${m.author?.name ?? 'Ringi'}\u3000${time(m.createdAt)}】\n${plain(m.text)}`),
      '',
      `チャットのスレッド: /chat/${channelId}?thread=${rootId}`,
    ].join('\n\n');
    const documentId = await this.drafts.createFromText(user, {
      title,
      body,
      files: live.flatMap((m) => m.files),
    });
    return { documentId, path: `/approvals/${documentId}/edit` };
  }
}
