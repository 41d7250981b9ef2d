import { createZodDto } from 'nestjs-zod';
import {
  addMeetingParticipantRequestSchema,
  createNoteRequestSchema,
  meetingNoteListSchema,
  meetingNoteParamSchema,
  meetingNoteSchema,
  updateNoteRequestSchema,
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
export class MeetingNoteParamDto extends createZodDto(meetingNoteParamSchema) {}
export class CreateNoteDto extends createZodDto(createNoteRequestSchema) {}
export class UpdateNoteDto extends createZodDto(updateNoteRequestSchema) {}

// Responses
export class MeetingDto extends createZodDto(meetingSchema) {}
export class MeetingListDto extends createZodDto(meetingListSchema) {}
export class MeetingNoteDto extends createZodDto(meetingNoteSchema) {}
export class MeetingNoteListDto extends createZodDto(meetingNoteListSchema) {}
