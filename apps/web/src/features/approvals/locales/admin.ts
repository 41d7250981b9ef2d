/** Messages of the approvals admin part, merged into the app's locales under `approvals.admin`. */
export const adminJa = {};

export const adminEn: typeof adminJa = {};
