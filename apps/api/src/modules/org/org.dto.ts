import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  abolishDepartmentRequestSchema,
  createDeputyRequestSchema,
  createOwnDeputyRequestSchema,
  departmentChangeRequestSchema,
  departmentHistorySchema,
  deputyListQuerySchema,
  deputyListSchema,
  deputySchema,
  endDeputyRequestSchema,
  ownDeputiesSchema,
  createDepartmentRequestSchema,
  createMembershipRequestSchema,
  createPositionRequestSchema,
  createStaffRequestSchema,
  departmentListSchema,
  departmentSchema,
  directoryListSchema,
  directoryQuerySchema,
  idParamSchema,
  positionListSchema,
  positionSchema,
  setPasswordRequestSchema,
  staffImportResultSchema,
  staffListQuerySchema,
  staffListSchema,
  staffSchema,
  updateDepartmentRequestSchema,
  updateMembershipRequestSchema,
  updatePositionRequestSchema,
  updateStaffRequestSchema,
} from '@ringi/contracts';

// Requests
export class IdParamDto extends createZodDto(idParamSchema) {}
export class CreateDepartmentDto extends createZodDto(createDepartmentRequestSchema) {}
export class UpdateDepartmentDto extends createZodDto(updateDepartmentRequestSchema) {}
export class CreatePositionDto extends createZodDto(createPositionRequestSchema) {}
export class UpdatePositionDto extends createZodDto(updatePositionRequestSchema) {}
export class StaffListQueryDto extends createZodDto(staffListQuerySchema) {}
export class DirectoryQueryDto extends createZodDto(directoryQuerySchema) {}
export class CreateStaffDto extends createZodDto(createStaffRequestSchema) {}
export class UpdateStaffDto extends createZodDto(updateStaffRequestSchema) {}
export class SetPasswordDto extends createZodDto(setPasswordRequestSchema) {}
export class CreateMembershipDto extends createZodDto(createMembershipRequestSchema) {}
export class UpdateMembershipDto extends createZodDto(updateMembershipRequestSchema) {}
export class ImportQueryDto extends createZodDto(
  z.strictObject({
    dryRun: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  }),
) {}

// Responses
export class DepartmentDto extends createZodDto(departmentSchema) {}
export class DepartmentListDto extends createZodDto(departmentListSchema) {}
export class PositionDto extends createZodDto(positionSchema) {}
export class PositionListDto extends createZodDto(positionListSchema) {}
export class StaffDto extends createZodDto(staffSchema) {}
export class StaffListDto extends createZodDto(staffListSchema) {}
export class DirectoryListDto extends createZodDto(directoryListSchema) {}
export class StaffImportResultDto extends createZodDto(staffImportResultSchema) {}

// Reorganisations and deputies (issue 6)
export class DepartmentChangeDto extends createZodDto(departmentChangeRequestSchema) {}
export class AbolishDepartmentDto extends createZodDto(abolishDepartmentRequestSchema) {}
export class DepartmentHistoryDto extends createZodDto(departmentHistorySchema) {}
export class DeputyListQueryDto extends createZodDto(deputyListQuerySchema) {}
export class CreateDeputyDto extends createZodDto(createDeputyRequestSchema) {}
export class CreateOwnDeputyDto extends createZodDto(createOwnDeputyRequestSchema) {}
export class EndDeputyDto extends createZodDto(endDeputyRequestSchema) {}
export class DeputyDto extends createZodDto(deputySchema) {}
export class DeputyListDto extends createZodDto(deputyListSchema) {}
export class OwnDeputiesDto extends createZodDto(ownDeputiesSchema) {}
