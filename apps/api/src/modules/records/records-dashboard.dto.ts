import { createZodDto } from 'nestjs-zod';
import { recordsDashboardQuerySchema, recordsDashboardSchema } from '@ringi/contracts';

// Requests
export class RecordsDashboardQueryDto extends createZodDto(recordsDashboardQuerySchema) {}

// Responses
export class RecordsDashboardDto extends createZodDto(recordsDashboardSchema) {}
