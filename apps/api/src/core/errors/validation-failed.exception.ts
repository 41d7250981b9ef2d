import { z } from 'zod';
import type { ErrorDetail, Locale } from '@ringi/contracts';
import { AppException } from './app.exception';

const localeErrors = { ja: z.locales.ja().localeError, en: z.locales.en().localeError };

const REQUIRED = { ja: '入力してください。', en: 'This field is required.' };
const UNKNOWN_KEY = { ja: 'この項目は受け付けていません。', en: 'This field is not accepted.' };

/** A request that failed schema validation; its details are worded per language by `localize`. */
export class ValidationFailedException extends AppException {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('request/validation_failed');
  }

  localize(locale: Locale): ErrorDetail[] {
    return this.issues.flatMap((issue): ErrorDetail[] => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({
          path: [...issue.path, key] as (string | number)[],
          message: UNKNOWN_KEY[locale],
        }));
      }
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code === 'invalid_type' && issue.input === undefined)
        return [{ path, message: REQUIRED[locale] }];
      const worded = localeErrors[locale](issue as unknown as z.core.$ZodRawIssue);
      const message = typeof worded === 'string' ? worded : (worded?.message ?? issue.message);
      return [{ path, message }];
    });
  }
}
