/** 文書管理の集計 (records dashboard): messages in Japanese. */
export const recordsDashboardJa = {
  title: '文書管理の集計',
};
