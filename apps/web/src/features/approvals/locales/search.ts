/** Messages of the approvals search part, merged into the app's locales under `approvals.search`. */
export const searchJa = {};

export const searchEn: typeof searchJa = {};
