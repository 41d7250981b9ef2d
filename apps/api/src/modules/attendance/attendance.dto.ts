import { createZodDto } from 'nestjs-zod';
import {
  attendanceMonthQuerySchema,
  attendanceMonthSchema,
  attendanceTodaySchema,
  punchRequestSchema,
  punchResultSchema,
} from '@ringi/contracts';

// Requests
export class PunchDto extends createZodDto(punchRequestSchema) {}
export class AttendanceMonthQueryDto extends createZodDto(attendanceMonthQuerySchema) {}

// Responses
export class AttendanceTodayDto extends createZodDto(attendanceTodaySchema) {}
export class AttendanceMonthDto extends createZodDto(attendanceMonthSchema) {}
export class PunchResultDto extends createZodDto(punchResultSchema) {}
