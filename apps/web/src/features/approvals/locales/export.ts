/** Messages of the approvals export part, merged into the app's locales under `approvals.export`. */
export const exportJa = {
  button: '決裁文書をPDFで出力',
  hint: '決裁欄の印影、処理の記録、添付ファイルの一覧を含むPDFファイルをダウンロードします。',
  unavailable: '決裁が済むと、PDFで出力できます。',
};

export const exportEn: typeof exportJa = {
  button: 'Export as PDF',
  hint: 'Downloads a PDF file with the route and its seals, the history and the list of attachments.',
  unavailable: 'Once the document is decided, it can be exported as a PDF.',
};
