import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  binderDetailSchema,
  binderListSchema,
  binderSchema,
  binderSearchSchema,
  createDisposalListSchema,
  createYearBindersResultSchema,
  createYearBindersSchema,
  disposalListSchema,
  disposalListsSchema,
  extendRetentionSchema,
  filePlanItemSchema,
  filePlanSchema,
  retentionDueQuerySchema,
  retentionDueSchema,
  saveFilePlanItemSchema,
  uuidSchema,
} from '@ringi/contracts';

export class RecordsIdParamDto extends createZodDto(z.strictObject({ id: uuidSchema })) {}

export class FilePlanDto extends createZodDto(filePlanSchema) {}
export class FilePlanItemDto extends createZodDto(filePlanItemSchema) {}
export class SaveFilePlanItemDto extends createZodDto(saveFilePlanItemSchema) {}

export class BinderDto extends createZodDto(binderSchema) {}
export class BinderListDto extends createZodDto(binderListSchema) {}
export class BinderSearchDto extends createZodDto(binderSearchSchema) {}
export class BinderDetailDto extends createZodDto(binderDetailSchema) {}
export class CreateYearBindersDto extends createZodDto(createYearBindersSchema) {}
export class CreateYearBindersResultDto extends createZodDto(createYearBindersResultSchema) {}

export class RetentionDueQueryDto extends createZodDto(retentionDueQuerySchema) {}
export class RetentionDueDto extends createZodDto(retentionDueSchema) {}
export class ExtendRetentionDto extends createZodDto(extendRetentionSchema) {}
export class CreateDisposalListDto extends createZodDto(createDisposalListSchema) {}
export class DisposalListDto extends createZodDto(disposalListSchema) {}
export class DisposalListsDto extends createZodDto(disposalListsSchema) {}
