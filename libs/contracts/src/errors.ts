import { z } from 'zod';
import type { Locale } from './common';

/**
 * Every error the API can answer with. The key is the code clients switch on; the value holds the HTTP
 * status and the message in each language. One table for both apps.
 */
export const ERRORS = {
  'request/validation_failed': {
    status: 400,
    ja: '入力内容に誤りがあります。',
    en: 'Some of the input is not valid.',
  },
  'request/malformed_json': {
    status: 400,
    ja: '送信されたデータの形式が正しくありません。',
    en: 'The request body is not valid JSON.',
  },
  'request/too_large': {
    status: 413,
    ja: '送信されたデータが大きすぎます。',
    en: 'The request is too large.',
  },
  'request/csrf': {
    status: 403,
    ja: 'この操作は画面から行ってください。',
    en: 'This request must come from the Ringi app.',
  },
  'request/not_found': { status: 404, ja: 'お探しのページまたはデータが見つかりません。', en: 'Not found.' },
  'request/rate_limited': {
    status: 429,
    ja: '操作が多すぎます。しばらく待ってからもう一度お試しください。',
    en: 'Too many requests. Please wait a moment and try again.',
  },
  // Bad input the request layer refuses before any handler runs (issue 5).
  'request/unsupported_charset': {
    status: 415,
    ja: '送信されたデータの文字コードに対応していません。UTF-8で送信してください。',
    en: 'This character set is not supported. Please send the request in UTF-8.',
  },
  'request/unsupported_encoding': {
    status: 415,
    ja: '送信されたデータの圧縮形式に対応していません。',
    en: 'This content encoding is not supported.',
  },
  'request/malformed_body': {
    status: 400,
    ja: '送信されたデータを読み取れませんでした。壊れている可能性があります。',
    en: 'The request body could not be read. It may be damaged.',
  },
  'request/invalid_characters': {
    status: 400,
    ja: '使えない文字（制御文字や壊れた文字）が含まれています。入力内容を確かめてください。',
    en: 'The request contains characters that cannot be used (control or broken characters).',
  },
  'auth/unauthenticated': { status: 401, ja: 'サインインしてください。', en: 'Please sign in.' },
  'auth/invalid_credentials': {
    status: 401,
    ja: '職員番号またはパスワードが違います。',
    en: 'The staff number or password is wrong.',
  },
  'auth/locked': {
    status: 423,
    ja: 'サインインの失敗が続いたため、一時的にロックされています。しばらく待ってからお試しください。',
    en: 'Too many failed sign-ins. The account is locked for a while.',
  },
  'auth/session_expired': {
    status: 401,
    ja: '一定時間操作がなかったため、サインアウトしました。もう一度サインインしてください。',
    en: 'Your session has expired. Please sign in again.',
  },
  'auth/forbidden': {
    status: 403,
    ja: 'この操作を行う権限がありません。',
    en: 'You do not have permission to do this.',
  },
  'auth/wrong_password': {
    status: 400,
    ja: '現在のパスワードが違います。',
    en: 'The current password is wrong.',
  },
  'org/department_not_found': { status: 404, ja: '所属が見つかりません。', en: 'Department not found.' },
  'org/department_code_taken': {
    status: 409,
    ja: 'その所属コードは既に使われています。',
    en: 'That department code is already in use.',
  },
  'org/department_cycle': {
    status: 400,
    ja: '所属を自分自身の下位に移すことはできません。',
    en: 'A department cannot be placed under itself.',
  },
  'org/position_not_found': { status: 404, ja: '職が見つかりません。', en: 'Position not found.' },
  'org/position_code_taken': {
    status: 409,
    ja: 'その職コードは既に使われています。',
    en: 'That position code is already in use.',
  },
  'org/staff_not_found': { status: 404, ja: '職員が見つかりません。', en: 'Staff member not found.' },
  'org/staff_number_taken': {
    status: 409,
    ja: 'その職員番号は既に使われています。',
    en: 'That staff number is already in use.',
  },
  'org/membership_not_found': { status: 404, ja: '発令が見つかりません。', en: 'Assignment not found.' },
  'org/membership_dates': {
    status: 400,
    ja: '終了日は開始日以降にしてください。',
    en: 'The end date must not be before the start date.',
  },
  'org/membership_overlap': {
    status: 409,
    ja: '同じ期間に本務の所属が重なっています。本務は同時に一つだけです。',
    en: 'Another primary assignment covers the same period. Only one primary assignment can be active at a time.',
  },
  'org/department_not_in_effect': {
    status: 409,
    ja: 'その日にはこの所属（または上位の所属）はありません。日付を確かめてください。',
    en: 'The department (or its parent) does not exist on that day. Check the date.',
  },
  'org/department_has_children': {
    status: 409,
    ja: 'この所属の下にまだ所属があります。先に下の所属を廃止するか、ほかの所属の下へ移してください。',
    en: 'Other departments are still under this one. Abolish them or move them elsewhere first.',
  },
  'org/department_change_empty': {
    status: 400,
    ja: '変更する項目を一つ以上入力してください。',
    en: 'Enter at least one thing to change.',
  },
  'org/deputy_not_found': { status: 404, ja: '代決者の登録が見つかりません。', en: 'Deputy registration not found.' },
  'org/deputy_self': {
    status: 400,
    ja: '自分自身を代決者にすることはできません。',
    en: 'A person cannot be their own deputy.',
  },
  'org/deputy_overlap': {
    status: 409,
    ja: '同じ人が同じ期間に既に代決者として登録されています。',
    en: 'This person is already registered as a deputy for the same period.',
  },
  'org/deputy_dates': {
    status: 400,
    ja: '終了日は開始日以降にしてください。',
    en: 'The end date must not be before the start date.',
  },
  'org/deputy_started': {
    status: 409,
    ja: '既に始まっている代決者の登録は取り消せません。終了日を入れて終わらせてください。',
    en: 'A deputy period that has already begun cannot be deleted. End it instead.',
  },
  'org/import_invalid': {
    status: 422,
    ja: 'CSVファイルに誤りがあります。どの行も取り込んでいません。',
    en: 'The CSV file has errors. Nothing was imported.',
  },
  'files/too_large': { status: 413, ja: 'ファイルが大きすぎます。', en: 'The file is too large.' },
  'files/type_not_allowed': {
    status: 415,
    ja: 'この種類のファイルは使えません。',
    en: 'This type of file is not allowed.',
  },
  'files/missing': { status: 400, ja: 'ファイルを選んでください。', en: 'Please choose a file.' },
  'files/not_found': { status: 404, ja: 'ファイルが見つかりません。', en: 'File not found.' },
  'org/last_admin': {
    status: 409,
    ja: 'この変更をすると、管理者が一人もいなくなります。先に別の職員を管理者にしてください。',
    en: 'This change would leave no active administrator. Make another member of staff an administrator first.',
  },
  'files/image_too_large': {
    status: 422,
    ja: '画像の縦横の画素数が大きすぎます。写真を小さくしてから選んでください。',
    en: 'The picture has too many pixels. Please make it smaller and choose it again.',
  },
  'files/image_unreadable': {
    status: 422,
    ja: '画像を読み取れませんでした。ファイルが壊れているか、画像ではありません。JPEG・PNG・WebP の画像を選んでください。',
    en: 'The picture could not be read: the file is damaged or not a picture. Please choose a JPEG, PNG or WebP image.',
  },
  'files/range_not_satisfiable': {
    status: 416,
    ja: '指定された範囲はファイルの大きさを超えています。',
    en: 'The requested range lies beyond the end of the file.',
  },
  'internal/unexpected': {
    status: 500,
    ja: 'システムでエラーが発生しました。時間をおいてもう一度お試しください。',
    en: 'Something went wrong. Please try again later.',
  },
  // Notifications (issue 6)
  'notifications/not_found': { status: 404, ja: 'お知らせが見つかりません。', en: 'Notification not found.' },
} as const satisfies Record<string, { status: number; ja: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERRORS[code][locale];
}

/** One detail of an error, e.g. one invalid field or one bad CSV line. */
export const errorDetailSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])).optional(),
  line: z.number().int().optional(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/** The one error shape of the API. */
export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.array(errorDetailSchema).optional(),
  requestId: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
