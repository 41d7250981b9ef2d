import { Controller } from '@nestjs/common';
import { ApprovalExportService } from './approval-export.service';

/** The decided document as a PDF (決裁文書). Being built. */
@Controller('approvals')
export class ApprovalExportController {
  constructor(private readonly exporter: ApprovalExportService) {}
}
