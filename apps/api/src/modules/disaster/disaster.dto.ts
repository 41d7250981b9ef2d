import { createZodDto } from 'nestjs-zod';
import {
  answerDisasterRollCallRequestSchema,
  disasterRollCallIdParamSchema,
  disasterRollCallListQuerySchema,
  disasterRollCallListSchema,
  disasterRollCallSchema,
  disasterTallySchema,
  startDisasterRollCallRequestSchema,
} from '@ringi/contracts';

// Requests
export class DisasterRollCallIdParamDto extends createZodDto(disasterRollCallIdParamSchema) {}
export class DisasterRollCallListQueryDto extends createZodDto(disasterRollCallListQuerySchema) {}
export class StartDisasterRollCallDto extends createZodDto(startDisasterRollCallRequestSchema) {}
export class AnswerDisasterRollCallDto extends createZodDto(answerDisasterRollCallRequestSchema) {}

// Responses
export class DisasterRollCallDto extends createZodDto(disasterRollCallSchema) {}
export class DisasterRollCallListDto extends createZodDto(disasterRollCallListSchema) {}
export class DisasterTallyDto extends createZodDto(disasterTallySchema) {}
