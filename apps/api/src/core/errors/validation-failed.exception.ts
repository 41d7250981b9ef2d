import { z } from 'zod';
import { MAX_DATE, MIN_DATE, type ErrorDetail, type Locale } from '@ringi/contracts';
import { AppException } from './app.exception';

const localeErrors = { ja: z.locales.ja().localeError, en: z.locales.en().localeError };

const REQUIRED = { ja: '入力してください。', en: 'This field is required.' };
const UNKNOWN_KEY = { ja: 'この項目は受け付けていません。', en: 'This field is not accepted.' };
const DATE_OUT_OF_RANGE = {
  ja: `${MIN_DATE.replace(/-/g, '/')} から ${MAX_DATE.replace(/-/g, '/')} までの日付を入力してください。`,
  en: `Enter a date between ${MIN_DATE} and ${MAX_DATE}.`,
};

/** Custom checks of the contracts (`params.reason`) worded per language. */
const REASONS: Record<string, Record<Locale, string>> = {
  date_out_of_range: DATE_OUT_OF_RANGE,
  channel_name_chars: {
    ja: 'チャンネル名に < > @ # は使えません。',
    en: 'Do not use < > @ # in a channel name.',
  },
  emoji: { ja: '絵文字を一つ選んでください。', en: 'Choose one emoji.' },
  leave_minutes_required: {
    ja: '時間単位の休暇は、時間数を入力してください。',
    en: 'Give the hours of the leave.',
  },
  leave_part_required: {
    ja: '半日休暇は、午前か午後かを選んでください。',
    en: 'Choose the morning or the afternoon for a half day.',
  },
  time_hhmm: { ja: '時刻は 08:30 のように入力してください。', en: 'Enter a time as HH:MM, e.g. 08:30.' },
  work_rule_order: {
    ja: '始業・休憩開始・休憩終了・終業の順になるように入力してください。',
    en: 'Enter the start, break start, break end and end of the day in that order.',
  },
  weekly_days_required: {
    ja: '会計年度任用職員（パートタイム）は、週の勤務日数を入力してください。',
    en: 'Give the working days a week of part-time staff.',
  },
  special_leave_codes: {
    ja: '特別休暇の種類ごとに、別々のコードを付けてください。',
    en: 'Each special leave type needs its own code.',
  },
  correction_nothing: {
    ja: '出勤・退勤の時刻か、取り消す打刻を指定してください。',
    en: 'Give a clock-in or clock-out time, or a punch to remove.',
  },
  correction_remove_and_set: {
    ja: '同じ打刻を、修正しながら取り消すことはできません。',
    en: 'A punch cannot be both corrected and removed.',
  },
  secret_until_without_secret: {
    ja: '秘文書の期限は、秘文書に指定したときだけ指定できます。',
    en: 'A date of secrecy needs the document to be secret.',
  },
  reply_due_required: {
    ja: '回答が必要なときは、回答期限を指定してください。',
    en: 'A reply needs a deadline.',
  },
  reply_due_before_receipt: {
    ja: '回答期限は収受日より後の日にしてください。',
    en: 'The reply deadline cannot be before the day of receipt.',
  },
  sender_date_after_receipt: {
    ja: '発信日は収受日より後にはできません。',
    en: "The sender's date cannot be after the day of receipt.",
  },
  enforced_before_decided: {
    ja: '施行日は決裁日より前にはできません。',
    en: 'It cannot be carried out before it was decided.',
  },
  link_refs: {
    ja: '参照は「種類:ID」をカンマ区切りで10件まで指定してください。',
    en: 'Give up to 10 references as kind:id, separated by commas.',
  },
};

/** A request that failed schema validation; its details are worded per language by `localize`. */
export class ValidationFailedException extends AppException {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('request/validation_failed');
  }

  /**
   * The same failure for a rule a service checks on the merged state (a partial update), worded by one of the
   * `REASONS` above, as a schema's refinement would be.
   */
  static because(path: string, reason: keyof typeof REASONS): ValidationFailedException {
    return new ValidationFailedException([
      { code: 'custom', path: [path], message: reason, params: { reason }, input: undefined },
    ]);
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
      const reason: unknown = issue.code === 'custom' ? issue.params?.reason : undefined;
      if (typeof reason === 'string' && REASONS[reason]) return [{ path, message: REASONS[reason][locale] }];
      const worded = localeErrors[locale](issue as unknown as z.core.$ZodRawIssue);
      const message = typeof worded === 'string' ? worded : (worded?.message ?? issue.message);
      return [{ path, message }];
    });
  }
}
