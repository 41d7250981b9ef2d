import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  createDepartmentRequestSchema,
  createMembershipRequestSchema,
  createPositionRequestSchema,
  createStaffRequestSchema,
  idParamSchema,
  setPasswordRequestSchema,
  staffListQuerySchema,
  updateDepartmentRequestSchema,
  updateMembershipRequestSchema,
  updatePositionRequestSchema,
  updateStaffRequestSchema,
} from '@ringi/contracts';

export class IdParamDto extends createZodDto(idParamSchema) {}
export class CreateDepartmentDto extends createZodDto(createDepartmentRequestSchema) {}
export class UpdateDepartmentDto extends createZodDto(updateDepartmentRequestSchema) {}
export class CreatePositionDto extends createZodDto(createPositionRequestSchema) {}
export class UpdatePositionDto extends createZodDto(updatePositionRequestSchema) {}
export class StaffListQueryDto extends createZodDto(staffListQuerySchema) {}
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
