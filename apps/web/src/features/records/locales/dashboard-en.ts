import type { recordsDashboardJa } from './dashboard-ja';

/** The records dashboard in English (the same shape as ./dashboard-ja.ts). */
export const recordsDashboardEn: typeof recordsDashboardJa = {
  title: 'Records figures',
};
