import { Injectable, type OnModuleInit } from '@nestjs/common';
import { APPROVAL_ATTACHMENT_TYPES, CHAT_FILE_MAX_BYTES, type ChatFile } from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { FilesService, type UploadedFile } from '../../core/files/files.service';
import { CHAT_FILE_PURPOSE } from './chat-messages.service';
import { ChatPolicy } from './chat.policy';

export type UploadedChatFile = UploadedFile;

/** What chat takes: the office documents, PDFs and photos approvals take, and WebP screenshots. */
export const CHAT_FILE_TYPES = [...APPROVAL_ATTACHMENT_TYPES, 'image/webp'] as const;

/**
 * Files in chat: uploaded by a member into a channel, then sent with a message (`fileIds`). Until it is sent only
 * its uploader may read it; once sent, whoever may read the channel may (ChatPolicy.mayReadFile), and nobody once
 * the message is deleted.
 */
@Injectable()
export class ChatFilesService implements OnModuleInit {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly files: FilesService,
    private readonly policy: ChatPolicy,
  ) {}

  onModuleInit(): void {
    this.files.registerPolicy(CHAT_FILE_PURPOSE, (user, file) =>
      this.policy.mayReadFile(user, file.id, file.ownerId),
    );
  }

  async upload(user: AuthUser, channelId: string, upload: UploadedFile | undefined): Promise<ChatFile> {
    const channel = await this.policy.member(user, channelId);
    this.policy.requireOpen(channel);
    return this.uow.run(async (tx) => {
      const file = await this.files.save(
        tx.em,
        upload,
        {
          purpose: CHAT_FILE_PURPOSE,
          maxBytes: CHAT_FILE_MAX_BYTES,
          allowedTypes: CHAT_FILE_TYPES,
          image: { maxSide: 2560, format: upload && /\.png$/i.test(upload.originalname) ? 'png' : 'jpeg' },
        },
        user.id,
      );
      return {
        id: file.id,
        name: file.name,
        mimeType: file.mimeType,
        size: Number(file.size),
        pageCount: file.pageCount,
      };
    });
  }
}
