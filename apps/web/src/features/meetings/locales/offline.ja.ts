/**
 * 会議をこの端末に保存してオフラインで読む (`meetingOffline.*`): its own namespace, registered in
 * `offline/messages.ts` and loaded by the panels that use it. English is in `./offline.en.ts` with the same shape.
 */
export const meetingOfflineJa = {
  title: 'オフラインで読む',
  keep: 'この端末に保存（オフラインで読む）',
  keepHint:
    '会議の内容と各資料の最新版をこの端末に保存し、ネットワークがなくても読めるようにします。サインアウトすると削除されます。',
  progressLabel: '保存の進み具合',
  saving: {
    app: 'アプリを保存しています…',
    files: '資料を保存しています（{done}件目 / {total}件）',
  },
  savedState: 'この端末に保存済み（{when}に保存、資料{files}件、{size}）',
  savedDone: 'この端末に保存しました。ネットワークがなくても読めます。',
  refresh: '最新の版で保存し直す',
  remove: 'この端末から削除',
  removed: 'この端末から削除しました。',
  failed: {
    save: '保存できませんでした。ネットワークにつないで、もう一度お試しください。',
    remove: '削除できませんでした。もう一度お試しください。',
  },
  unsupported: 'このブラウザーでは、オフラインで読むための保存ができません。',
  offlineNotice: 'ネットワークにつながっていません。この端末に保存した内容を表示しています。',
  megabytes: '{n} MB',
  list: {
    title: 'この端末に保存した会議',
    empty: 'この端末に保存した会議はありません。',
    saveUpcoming: '今後の会議をすべて保存',
    savingUpcoming: '今後の会議をこの端末に保存しています…',
    savedUpcoming: '{n}件の会議をこの端末に保存しました。',
    nothingNew: '新しく保存する会議はありません。',
    someFailed: '{n}件の会議は保存できませんでした。',
    signOutNote: 'サインアウトすると、この端末に保存した会議はすべて削除されます。',
  },
};

export type MeetingOfflineMessages = typeof meetingOfflineJa;
