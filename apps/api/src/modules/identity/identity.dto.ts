import { createZodDto } from 'nestjs-zod';
import {
  adminSessionQuerySchema,
  changePasswordRequestSchema,
  idParamSchema,
  signInRequestSchema,
  updateMeRequestSchema,
} from '@ringi/contracts';

export class SignInDto extends createZodDto(signInRequestSchema) {}
export class UpdateMeDto extends createZodDto(updateMeRequestSchema) {}
export class ChangePasswordDto extends createZodDto(changePasswordRequestSchema) {}
export class AdminSessionQueryDto extends createZodDto(adminSessionQuerySchema) {}
export class IdParamDto extends createZodDto(idParamSchema) {}
