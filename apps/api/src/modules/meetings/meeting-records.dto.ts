import { createZodDto } from 'nestjs-zod';
import {
  meetingDisposalSchema,
  meetingMinutesSchema,
  meetingSearchListSchema,
  meetingSearchQuerySchema,
  saveMeetingMinutesRequestSchema,
} from '@ringi/contracts';

// Requests
export class MeetingSearchQueryDto extends createZodDto(meetingSearchQuerySchema) {}
export class SaveMeetingMinutesDto extends createZodDto(saveMeetingMinutesRequestSchema) {}

// Responses
export class MeetingMinutesDto extends createZodDto(meetingMinutesSchema) {}
export class MeetingSearchListDto extends createZodDto(meetingSearchListSchema) {}
export class MeetingDisposalDto extends createZodDto(meetingDisposalSchema) {}
