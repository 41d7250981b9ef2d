import { Controller } from '@nestjs/common';
import { ApprovalSearchService } from './approval-search.service';

/** Search of approval documents. Being built. */
@Controller('approvals')
export class ApprovalSearchController {
  constructor(private readonly search: ApprovalSearchService) {}
}
