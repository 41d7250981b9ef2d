/** 簿冊・保存期間・文書分類表 (records module): messages in Japanese. */
export const recordsBindersJa = {
  binders: { title: '簿冊' },
  binder: { title: '簿冊の内容' },
  retention: { title: '保存期間満了' },
  filePlan: { title: '文書分類表' },
};
