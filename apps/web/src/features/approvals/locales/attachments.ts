/** Messages of the approvals attachments part, merged into the app's locales under `approvals.attachments`. */
export const attachmentsJa = {};

export const attachmentsEn: typeof attachmentsJa = {};
