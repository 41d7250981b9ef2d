import { Controller, Get, Query } from '@nestjs/common';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import {
  auditListSchema,
  auditQuerySchema,
  auditVerifySchema,
  type AuditList,
  type AuditVerify,
} from '@ringi/contracts';
import { AdminOnly } from '../auth/auth.decorators';
import { AuditService } from './audit.service';

class AuditListDto extends createZodDto(auditListSchema) {}
class AuditVerifyDto extends createZodDto(auditVerifySchema) {}
class AuditQueryDto extends createZodDto(auditQuerySchema) {}

@AdminOnly()
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ZodResponse({ status: 200, type: AuditListDto })
  list(@Query() query: AuditQueryDto): Promise<AuditList> {
    return this.audit.list(query);
  }

  @Get('verify')
  @ZodResponse({ status: 200, type: AuditVerifyDto })
  verify(): Promise<AuditVerify> {
    return this.audit.verify();
  }
}
