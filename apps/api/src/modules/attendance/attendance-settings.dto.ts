import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  attendanceSettingsSchema,
  overtimeReportQuerySchema,
  overtimeReportSchema,
  putWorkScheduleSchema,
  updateAttendanceSettingsSchema,
  uuidSchema,
  workScheduleListSchema,
  workScheduleSchema,
} from '@ringi/contracts';

export class AttendanceSettingsDto extends createZodDto(attendanceSettingsSchema) {}
export class UpdateAttendanceSettingsDto extends createZodDto(updateAttendanceSettingsSchema) {}
export class WorkScheduleDto extends createZodDto(workScheduleSchema) {}
export class WorkScheduleListDto extends createZodDto(workScheduleListSchema) {}
export class PutWorkScheduleDto extends createZodDto(putWorkScheduleSchema) {}
export class ScheduleParamDto extends createZodDto(z.strictObject({ userId: uuidSchema })) {}
export class OvertimeReportQueryDto extends createZodDto(overtimeReportQuerySchema) {}
export class OvertimeReportDto extends createZodDto(overtimeReportSchema) {}
