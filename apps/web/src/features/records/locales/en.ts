import type { recordsJa } from './ja';

/** Records: the receipt register, paper decisions and secrecy, in English (the same shape as ./ja.ts). */
export const recordsEn: typeof recordsJa = {
  nav: {
    label: 'Records menu',
    receipts: 'Received documents',
    binders: 'Binders',
    paper: 'Register a paper decision',
    dashboard: 'Figures',
    retention: 'End of retention',
    filePlan: 'File plan',
  },
  receipts: { title: 'Received documents' },
  receipt: { title: 'Received document' },
  paper: { title: 'Register a paper decision' },
};
