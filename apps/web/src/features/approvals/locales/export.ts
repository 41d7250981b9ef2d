/** Messages of the approvals export part, merged into the app's locales under `approvals.export`. */
export const exportJa = {};

export const exportEn: typeof exportJa = {};
