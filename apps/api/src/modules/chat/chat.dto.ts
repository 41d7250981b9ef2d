import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  addMembersRequestSchema,
  changesQuerySchema,
  channelListQuerySchema,
  channelListSchema,
  channelSchema,
  chatChangesSchema,
  chatDraftCreatedSchema,
  chatFileSchema,
  chatLinkPreviewsSchema,
  chatMembersSchema,
  chatMessagePageSchema,
  chatMessageSchema,
  chatPresenceSchema,
  chatReadStatesSchema,
  chatReceiptsSchema,
  chatSearchQuerySchema,
  chatSearchResultSchema,
  chatThreadSchema,
  createChannelRequestSchema,
  directChannelRequestSchema,
  editMessageRequestSchema,
  linkPreviewQuerySchema,
  markReadRequestSchema,
  markReadResultSchema,
  messagePageQuerySchema,
  notifyRequestSchema,
  presenceQuerySchema,
  reactionRequestSchema,
  sendMessageRequestSchema,
  setPresenceRequestSchema,
  updateChannelRequestSchema,
  uuidSchema,
} from '@ringi/contracts';

// Requests
export class ChannelIdParamDto extends createZodDto(z.strictObject({ id: uuidSchema })) {}
export class MessageParamDto extends createZodDto(
  z.strictObject({ id: uuidSchema, messageId: uuidSchema }),
) {}
export class MemberParamDto extends createZodDto(z.strictObject({ id: uuidSchema, userId: uuidSchema })) {}
export class ChannelListQueryDto extends createZodDto(channelListQuerySchema) {}
export class CreateChannelDto extends createZodDto(createChannelRequestSchema) {}
export class UpdateChannelDto extends createZodDto(updateChannelRequestSchema) {}
export class DirectChannelDto extends createZodDto(directChannelRequestSchema) {}
export class AddMembersDto extends createZodDto(addMembersRequestSchema) {}
export class SendMessageDto extends createZodDto(sendMessageRequestSchema) {}
export class EditMessageDto extends createZodDto(editMessageRequestSchema) {}
export class ReactionDto extends createZodDto(reactionRequestSchema) {}
export class MessagePageQueryDto extends createZodDto(messagePageQuerySchema) {}
export class ChangesQueryDto extends createZodDto(changesQuerySchema) {}
export class MarkReadDto extends createZodDto(markReadRequestSchema) {}
export class NotifyDto extends createZodDto(notifyRequestSchema) {}
export class ChatSearchQueryDto extends createZodDto(chatSearchQuerySchema) {}
export class LinkPreviewQueryDto extends createZodDto(linkPreviewQuerySchema) {}
export class PresenceQueryDto extends createZodDto(presenceQuerySchema) {}
export class SetPresenceDto extends createZodDto(setPresenceRequestSchema) {}

// Responses
export class ChannelDto extends createZodDto(channelSchema) {}
export class ChannelListDto extends createZodDto(channelListSchema) {}
export class ChatMessageDto extends createZodDto(chatMessageSchema) {}
export class ChatMessagePageDto extends createZodDto(chatMessagePageSchema) {}
export class ChatChangesDto extends createZodDto(chatChangesSchema) {}
export class ChatThreadDto extends createZodDto(chatThreadSchema) {}
export class ChatMembersDto extends createZodDto(chatMembersSchema) {}
export class ChatReceiptsDto extends createZodDto(chatReceiptsSchema) {}
export class ChatReadStatesDto extends createZodDto(chatReadStatesSchema) {}
export class ChatFileDto extends createZodDto(chatFileSchema) {}
export class ChatLinkPreviewsDto extends createZodDto(chatLinkPreviewsSchema) {}
export class ChatSearchResultDto extends createZodDto(chatSearchResultSchema) {}
export class ChatPresenceDto extends createZodDto(chatPresenceSchema) {}
export class MarkReadResultDto extends createZodDto(markReadResultSchema) {}
export class ChatDraftCreatedDto extends createZodDto(chatDraftCreatedSchema) {}
export class RemindedDto extends createZodDto(z.object({ reminded: z.int() })) {}
