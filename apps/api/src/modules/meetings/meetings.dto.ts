import { createZodDto } from 'nestjs-zod';
import {
  addMeetingParticipantRequestSchema,
  createAgendaItemRequestSchema,
  createMeetingRequestSchema,
  meetingAgendaItemParamSchema,
  meetingIdParamSchema,
  meetingListQuerySchema,
  meetingListSchema,
  meetingMaterialFormSchema,
  meetingMaterialParamSchema,
  meetingParticipantParamSchema,
  meetingSchema,
  reorderAgendaRequestSchema,
  updateAgendaItemRequestSchema,
  updateMeetingRequestSchema,
} from '@ringi/contracts';

// Requests
export class MeetingIdParamDto extends createZodDto(meetingIdParamSchema) {}
export class MeetingParticipantParamDto extends createZodDto(meetingParticipantParamSchema) {}
export class MeetingAgendaItemParamDto extends createZodDto(meetingAgendaItemParamSchema) {}
export class MeetingMaterialParamDto extends createZodDto(meetingMaterialParamSchema) {}
export class MeetingListQueryDto extends createZodDto(meetingListQuerySchema) {}
export class CreateMeetingDto extends createZodDto(createMeetingRequestSchema) {}
export class UpdateMeetingDto extends createZodDto(updateMeetingRequestSchema) {}
export class AddMeetingParticipantDto extends createZodDto(addMeetingParticipantRequestSchema) {}
export class CreateAgendaItemDto extends createZodDto(createAgendaItemRequestSchema) {}
export class UpdateAgendaItemDto extends createZodDto(updateAgendaItemRequestSchema) {}
export class ReorderAgendaDto extends createZodDto(reorderAgendaRequestSchema) {}
export class MeetingMaterialFormDto extends createZodDto(meetingMaterialFormSchema) {}

// Responses
export class MeetingDto extends createZodDto(meetingSchema) {}
export class MeetingListDto extends createZodDto(meetingListSchema) {}
