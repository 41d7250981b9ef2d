import { createZodDto } from 'nestjs-zod';
import {
  addAttendanceClerkSchema,
  attendanceClerkListSchema,
  attendanceClerkParamSchema,
  departmentTimesheetSchema,
  personTimesheetQuerySchema,
  personTimesheetSchema,
  timesheetCloseRequestSchema,
  timesheetDepartmentsQuerySchema,
  timesheetDepartmentsSchema,
  timesheetExportQuerySchema,
  timesheetMissingQuerySchema,
  timesheetMissingSchema,
  timesheetQuerySchema,
  timesheetRemindRequestSchema,
  timesheetRemindResultSchema,
} from '@ringi/contracts';

// Requests
export class TimesheetQueryDto extends createZodDto(timesheetQuerySchema) {}
export class PersonTimesheetQueryDto extends createZodDto(personTimesheetQuerySchema) {}
export class TimesheetDepartmentsQueryDto extends createZodDto(timesheetDepartmentsQuerySchema) {}
export class TimesheetCloseDto extends createZodDto(timesheetCloseRequestSchema) {}
export class TimesheetExportQueryDto extends createZodDto(timesheetExportQuerySchema) {}
export class TimesheetMissingQueryDto extends createZodDto(timesheetMissingQuerySchema) {}
export class TimesheetRemindDto extends createZodDto(timesheetRemindRequestSchema) {}
export class AddAttendanceClerkDto extends createZodDto(addAttendanceClerkSchema) {}
export class AttendanceClerkParamDto extends createZodDto(attendanceClerkParamSchema) {}

// Responses
export class DepartmentTimesheetDto extends createZodDto(departmentTimesheetSchema) {}
export class PersonTimesheetDto extends createZodDto(personTimesheetSchema) {}
export class TimesheetDepartmentsDto extends createZodDto(timesheetDepartmentsSchema) {}
export class TimesheetMissingDto extends createZodDto(timesheetMissingSchema) {}
export class TimesheetRemindResultDto extends createZodDto(timesheetRemindResultSchema) {}
export class AttendanceClerkListDto extends createZodDto(attendanceClerkListSchema) {}
