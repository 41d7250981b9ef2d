import { Controller, Get, Query } from '@nestjs/common';
import { createZodDto } from 'nestjs-zod';
import { auditQuerySchema, type AuditList, type AuditVerify } from '@ringi/contracts';
import { AdminOnly } from '../auth/auth.decorators';
import { AuditService } from './audit.service';

class AuditQueryDto extends createZodDto(auditQuerySchema) {}

@AdminOnly()
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQueryDto): Promise<AuditList> {
    return this.audit.list(query);
  }

  @Get('verify')
  verify(): Promise<AuditVerify> {
    return this.audit.verify();
  }
}
