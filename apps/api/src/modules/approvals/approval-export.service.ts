import { Injectable } from '@nestjs/common';

/** 決裁文書 as a PDF (pdf-lib with an embedded Japanese font). Being built. */
@Injectable()
export class ApprovalExportService {}
