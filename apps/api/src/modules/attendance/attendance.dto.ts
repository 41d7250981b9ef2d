import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  attendanceMonthQuerySchema,
  attendanceMonthSchema,
  attendanceTodaySchema,
  createPunchCorrectionSchema,
  myPunchCorrectionsSchema,
  punchCorrectionResultSchema,
  punchCorrectionSchema,
  punchCorrectionsQuerySchema,
  createLeaveRequestSchema,
  createOvertimeRequestSchema,
  myOvertimeSchema,
  overtimeRequestResultSchema,
  reportOvertimeSchema,
  leaveRequestResultSchema,
  myLeaveSchema,
  setAbsenceDeputySchema,
  createSpecialLeaveRequestSchema,
  specialLeaveRequestResultSchema,
  uuidSchema,
  punchRequestSchema,
  punchResultSchema,
} from '@ringi/contracts';

// Requests
export class PunchDto extends createZodDto(punchRequestSchema) {}
export class AttendanceMonthQueryDto extends createZodDto(attendanceMonthQuerySchema) {}
export class CreateLeaveRequestDto extends createZodDto(createLeaveRequestSchema) {}
export class LeaveRequestParamDto extends createZodDto(z.strictObject({ id: uuidSchema })) {}

// Responses
export class AttendanceTodayDto extends createZodDto(attendanceTodaySchema) {}
export class AttendanceMonthDto extends createZodDto(attendanceMonthSchema) {}
export class PunchResultDto extends createZodDto(punchResultSchema) {}
export class MyLeaveDto extends createZodDto(myLeaveSchema) {}
export class CreateSpecialLeaveRequestDto extends createZodDto(createSpecialLeaveRequestSchema) {}
export class SpecialLeaveRequestResultDto extends createZodDto(specialLeaveRequestResultSchema) {}
export class SetAbsenceDeputyDto extends createZodDto(setAbsenceDeputySchema) {}
export class LeaveRequestResultDto extends createZodDto(leaveRequestResultSchema) {}
export class CreateOvertimeRequestDto extends createZodDto(createOvertimeRequestSchema) {}
export class ReportOvertimeDto extends createZodDto(reportOvertimeSchema) {}
export class MyOvertimeDto extends createZodDto(myOvertimeSchema) {}
export class OvertimeRequestResultDto extends createZodDto(overtimeRequestResultSchema) {}

// Punch corrections (打刻修正)
export class CreatePunchCorrectionDto extends createZodDto(createPunchCorrectionSchema) {}
export class PunchCorrectionsQueryDto extends createZodDto(punchCorrectionsQuerySchema) {}
export class PunchCorrectionDto extends createZodDto(punchCorrectionSchema) {}
export class PunchCorrectionResultDto extends createZodDto(punchCorrectionResultSchema) {}
export class MyPunchCorrectionsDto extends createZodDto(myPunchCorrectionsSchema) {}
