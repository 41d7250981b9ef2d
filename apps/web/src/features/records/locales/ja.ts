/** 文書管理 (records): the receipt register, paper decisions and secrecy, in Japanese. */
export const recordsJa = {
  nav: {
    label: '文書管理のメニュー',
    receipts: '収受簿',
    binders: '簿冊',
    paper: '書面決定の登録',
    dashboard: '集計',
    retention: '保存期間満了',
    filePlan: '文書分類表',
  },
  receipts: { title: '収受簿' },
  receipt: { title: '収受文書' },
  paper: { title: '書面決定の登録' },
};
