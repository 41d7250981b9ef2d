import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isZodDto } from 'nestjs-zod/dto';
import type { z } from 'zod';
import { ValidationFailedException } from './validation-failed.exception';

/**
 * Validates every body, query and route parameter typed with a DTO made by `createZodDto` from a schema in
 * `libs/contracts`. Parses with `reportInput` so that the error filter can word each problem in the user's
 * language (the input itself never leaves the server).
 */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom' || !isZodDto(metadata.metatype)) return value;
    const schema = metadata.metatype.schema as z.ZodType;
    const result = schema.safeParse(value ?? (metadata.type === 'body' ? undefined : {}), {
      reportInput: true,
    });
    if (!result.success) throw new ValidationFailedException(result.error.issues);
    return result.data;
  }
}
