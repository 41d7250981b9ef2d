import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  createReceiptSchema,
  fileableBindersQuerySchema,
  fileableBindersSchema,
  idParamSchema,
  markRepliedSchema,
  paperDecisionResultSchema,
  pendingRepliesSchema,
  receiptListSchema,
  receiptSchema,
  receiptSearchSchema,
  secrecySchema,
  setSecrecySchema,
  startFromReceiptResultSchema,
  startFromReceiptSchema,
  updateReceiptSchema,
} from '@ringi/contracts';

// Requests
export class RecordsIdParamDto extends createZodDto(idParamSchema) {}
export class ReceiptSearchDto extends createZodDto(receiptSearchSchema) {}
export class CreateReceiptDto extends createZodDto(createReceiptSchema) {}
export class UpdateReceiptDto extends createZodDto(updateReceiptSchema) {}
export class StartFromReceiptDto extends createZodDto(startFromReceiptSchema) {}
export class MarkRepliedDto extends createZodDto(markRepliedSchema) {}
export class FileableBindersQueryDto extends createZodDto(fileableBindersQuerySchema) {}
export class SetSecrecyDto extends createZodDto(setSecrecySchema) {}
/** A paper decision comes as multipart: the scan (`file`) and the facts as JSON (`data`). */
export class PaperDecisionFormDto extends createZodDto(z.object({ data: z.string().max(50_000) })) {}

// Responses
export class FileableBindersDto extends createZodDto(fileableBindersSchema) {}
export class ReceiptDto extends createZodDto(receiptSchema) {}
export class ReceiptListDto extends createZodDto(receiptListSchema) {}
export class PendingRepliesDto extends createZodDto(pendingRepliesSchema) {}
export class StartFromReceiptResultDto extends createZodDto(startFromReceiptResultSchema) {}
export class PaperDecisionResultDto extends createZodDto(paperDecisionResultSchema) {}
export class SecrecyDto extends createZodDto(secrecySchema) {}
