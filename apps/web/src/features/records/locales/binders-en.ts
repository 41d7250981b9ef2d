import type { recordsBindersJa } from './binders-ja';

/** Binders, retention and the file plan in English (the same shape as ./binders-ja.ts). */
export const recordsBindersEn: typeof recordsBindersJa = {
  binders: { title: 'Binders' },
  binder: { title: 'Binder' },
  retention: { title: 'End of retention' },
  filePlan: { title: 'File plan' },
};
