import { z } from 'zod';
import type { Locale } from './common';

/**
 * Every error the API can answer with. The key is the code clients switch on; the value holds the HTTP
 * status and the message in each language. One table for both apps.
 */
export const ERRORS = {
  'request/validation_failed': {
    status: 400,
    ja: '入力内容に誤りがあります。',
    en: 'Some of the input is not valid.',
  },
  'request/malformed_json': {
    status: 400,
    ja: '送信されたデータの形式が正しくありません。',
    en: 'The request body is not valid JSON.',
  },
  'request/too_large': {
    status: 413,
    ja: '送信されたデータが大きすぎます。',
    en: 'The request is too large.',
  },
  'request/csrf': {
    status: 403,
    ja: 'この操作は画面から行ってください。',
    en: 'This request must come from the Ringi app.',
  },
  'request/not_found': { status: 404, ja: 'お探しのページまたはデータが見つかりません。', en: 'Not found.' },
  'request/rate_limited': {
    status: 429,
    ja: '操作が多すぎます。しばらく待ってからもう一度お試しください。',
    en: 'Too many requests. Please wait a moment and try again.',
  },
  // Bad input the request layer refuses before any handler runs (issue 5).
  'request/unsupported_charset': {
    status: 415,
    ja: '送信されたデータの文字コードに対応していません。UTF-8で送信してください。',
    en: 'This character set is not supported. Please send the request in UTF-8.',
  },
  'request/unsupported_encoding': {
    status: 415,
    ja: '送信されたデータの圧縮形式に対応していません。',
    en: 'This content encoding is not supported.',
  },
  'request/malformed_body': {
    status: 400,
    ja: '送信されたデータを読み取れませんでした。壊れている可能性があります。',
    en: 'The request body could not be read. It may be damaged.',
  },
  'request/invalid_characters': {
    status: 400,
    ja: '使えない文字（制御文字や壊れた文字）が含まれています。入力内容を確かめてください。',
    en: 'The request contains characters that cannot be used (control or broken characters).',
  },
  'auth/unauthenticated': { status: 401, ja: 'サインインしてください。', en: 'Please sign in.' },
  'auth/invalid_credentials': {
    status: 401,
    ja: '職員番号またはパスワードが違います。',
    en: 'The staff number or password is wrong.',
  },
  'auth/locked': {
    status: 423,
    ja: 'サインインの失敗が続いたため、一時的にロックされています。しばらく待ってからお試しください。',
    en: 'Too many failed sign-ins. The account is locked for a while.',
  },
  'auth/session_expired': {
    status: 401,
    ja: '一定時間操作がなかったため、サインアウトしました。もう一度サインインしてください。',
    en: 'Your session has expired. Please sign in again.',
  },
  'auth/forbidden': {
    status: 403,
    ja: 'この操作を行う権限がありません。',
    en: 'You do not have permission to do this.',
  },
  'auth/wrong_password': {
    status: 400,
    ja: '現在のパスワードが違います。',
    en: 'The current password is wrong.',
  },
  'org/department_not_found': { status: 404, ja: '所属が見つかりません。', en: 'Department not found.' },
  'org/department_code_taken': {
    status: 409,
    ja: 'その所属コードは既に使われています。',
    en: 'That department code is already in use.',
  },
  'org/department_cycle': {
    status: 400,
    ja: '所属を自分自身の下位に移すことはできません。',
    en: 'A department cannot be placed under itself.',
  },
  'org/position_not_found': { status: 404, ja: '職が見つかりません。', en: 'Position not found.' },
  'org/position_code_taken': {
    status: 409,
    ja: 'その職コードは既に使われています。',
    en: 'That position code is already in use.',
  },
  'org/staff_not_found': { status: 404, ja: '職員が見つかりません。', en: 'Staff member not found.' },
  'org/staff_number_taken': {
    status: 409,
    ja: 'その職員番号は既に使われています。',
    en: 'That staff number is already in use.',
  },
  'org/membership_not_found': { status: 404, ja: '発令が見つかりません。', en: 'Assignment not found.' },
  'org/membership_dates': {
    status: 400,
    ja: '終了日は開始日以降にしてください。',
    en: 'The end date must not be before the start date.',
  },
  'org/membership_overlap': {
    status: 409,
    ja: '同じ期間に本務の所属が重なっています。本務は同時に一つだけです。',
    en: 'Another primary assignment covers the same period. Only one primary assignment can be active at a time.',
  },
  'org/department_not_in_effect': {
    status: 409,
    ja: 'その日にはこの所属（または上位の所属）はありません。日付を確かめてください。',
    en: 'The department (or its parent) does not exist on that day. Check the date.',
  },
  'org/department_has_children': {
    status: 409,
    ja: 'この所属の下にまだ所属があります。先に下の所属を廃止するか、ほかの所属の下へ移してください。',
    en: 'Other departments are still under this one. Abolish them or move them elsewhere first.',
  },
  'org/department_change_empty': {
    status: 400,
    ja: '変更する項目を一つ以上入力してください。',
    en: 'Enter at least one thing to change.',
  },
  'org/deputy_not_found': {
    status: 404,
    ja: '代決者の登録が見つかりません。',
    en: 'Deputy registration not found.',
  },
  'org/deputy_self': {
    status: 400,
    ja: '自分自身を代決者にすることはできません。',
    en: 'A person cannot be their own deputy.',
  },
  'org/deputy_overlap': {
    status: 409,
    ja: '同じ人が同じ期間に既に代決者として登録されています。',
    en: 'This person is already registered as a deputy for the same period.',
  },
  'org/deputy_dates': {
    status: 400,
    ja: '終了日は開始日以降にしてください。',
    en: 'The end date must not be before the start date.',
  },
  'org/deputy_started': {
    status: 409,
    ja: '既に始まっている代決者の登録は取り消せません。終了日を入れて終わらせてください。',
    en: 'A deputy period that has already begun cannot be deleted. End it instead.',
  },
  'org/import_invalid': {
    status: 422,
    ja: 'CSVファイルに誤りがあります。どの行も取り込んでいません。',
    en: 'The CSV file has errors. Nothing was imported.',
  },
  'files/too_large': { status: 413, ja: 'ファイルが大きすぎます。', en: 'The file is too large.' },
  'files/type_not_allowed': {
    status: 415,
    ja: 'この種類のファイルは使えません。',
    en: 'This type of file is not allowed.',
  },
  'files/missing': { status: 400, ja: 'ファイルを選んでください。', en: 'Please choose a file.' },
  'files/not_found': { status: 404, ja: 'ファイルが見つかりません。', en: 'File not found.' },
  'org/last_admin': {
    status: 409,
    ja: 'この変更をすると、管理者が一人もいなくなります。先に別の職員を管理者にしてください。',
    en: 'This change would leave no active administrator. Make another member of staff an administrator first.',
  },
  'files/image_too_large': {
    status: 422,
    ja: '画像の縦横の画素数が大きすぎます。写真を小さくしてから選んでください。',
    en: 'The picture has too many pixels. Please make it smaller and choose it again.',
  },
  'files/image_unreadable': {
    status: 422,
    ja: '画像を読み取れませんでした。ファイルが壊れているか、画像ではありません。JPEG・PNG・WebP の画像を選んでください。',
    en: 'The picture could not be read: the file is damaged or not a picture. Please choose a JPEG, PNG or WebP image.',
  },
  'files/range_not_satisfiable': {
    status: 416,
    ja: '指定された範囲はファイルの大きさを超えています。',
    en: 'The requested range lies beyond the end of the file.',
  },
  'files/pdf_unreadable': {
    status: 422,
    ja: 'このPDFファイルは壊れているため開けません。元のファイルを保存し直してから、もう一度アップロードしてください。',
    en: 'This PDF file is damaged and cannot be opened. Please save the original file again and upload it once more.',
  },
  'files/pdf_password': {
    status: 422,
    ja: 'このPDFにはパスワードが設定されています。パスワードを外したPDFをアップロードしてください。',
    en: 'This PDF is protected by a password. Please upload the PDF without the password.',
  },
  'files/pdf_check_failed': {
    status: 422,
    ja: 'このPDFは確認に時間がかかりすぎるか大きすぎるため、受け付けられません。ページ数を減らすか、保存し直してからアップロードしてください。',
    en: 'This PDF took too long or too much memory to check and was not accepted. Please split it or save it again, then upload it.',
  },
  // Electronic approval (issue 6): the codes of @ringi/domain's applyAction, then the API's own.
  'approval/step_not_found': {
    status: 404,
    ja: 'その処理段階は見つかりません。',
    en: 'That step of the route was not found.',
  },
  'approval/step_already_decided': {
    status: 409,
    ja: 'この段階は既にほかの人が処理しました。最新の状態を表示しています。',
    en: 'Someone else has already acted on this step. The current state is shown.',
  },
  'approval/step_not_active': {
    status: 409,
    ja: 'この段階にはまだ回ってきていません。',
    en: 'The document has not reached this step yet.',
  },
  'approval/not_your_step': {
    status: 403,
    ja: 'この段階の処理者ではありません。',
    en: 'You are not the approver of this step.',
  },
  'approval/not_a_deputy': {
    status: 403,
    ja: '本日、その方の代決者として登録されていません。',
    en: 'You are not registered as that person’s deputy today.',
  },
  'approval/not_a_superior': {
    status: 403,
    ja: 'この回議の上位の処理者ではないため、引き上げて処理できません。',
    en: 'Only an approver further up this route can act in place of this step.',
  },
  'approval/not_the_drafter': {
    status: 403,
    ja: 'この操作は起案者だけができます。',
    en: 'Only the drafter can do this.',
  },
  'approval/not_document_administrator': {
    status: 403,
    ja: 'この操作は文書管理者だけができます。',
    en: 'Only a document administrator can do this.',
  },
  'approval/action_not_for_step': {
    status: 422,
    ja: 'この段階ではその操作はできません。',
    en: 'That action is not possible on this step.',
  },
  'approval/capacity_not_allowed': {
    status: 422,
    ja: 'この段階は代決や引き上げで処理できません。',
    en: 'This step cannot be acted on by a deputy or a superior.',
  },
  'approval/document_decided': {
    status: 409,
    ja: '決裁済みの文書は変更できません。変更するには新たに決裁を受けてください。',
    en: 'A decided document cannot be changed. A change needs a new decision.',
  },
  'approval/document_not_in_progress': {
    status: 409,
    ja: 'この文書は現在回付中ではありません。',
    en: 'This document is not on its route now.',
  },
  'approval/document_closed': {
    status: 409,
    ja: 'この文書は既に完結しています。',
    en: 'This document is already closed.',
  },
  'approval/already_submitted': {
    status: 409,
    ja: 'この文書は既に回付中です。変更するには引き戻してください。',
    en: 'This document is already on its route. Withdraw it first to change it.',
  },
  'approval/cannot_withdraw': {
    status: 409,
    ja: '既に次の方が処理したため、引き戻せません。',
    en: 'The next approver has already acted, so the document cannot be withdrawn.',
  },
  'approval/not_decided': {
    status: 409,
    ja: '決裁が済んでいないため、施行できません。',
    en: 'The document has not been decided, so it cannot be enforced yet.',
  },
  'approval/invalid_route': {
    status: 422,
    ja: '決裁ルートに誤りがあります。',
    en: 'The approval route is not valid.',
  },
  'approval/invalid_send_back_target': {
    status: 422,
    ja: '差し戻し先は起案者か、既に承認した前の段階を選んでください。',
    en: 'Send the document back to the drafter or to an earlier step that approved it.',
  },
  'approval/reason_required': { status: 400, ja: '理由を入力してください。', en: 'Please enter a reason.' },
  'approval/comment_required': {
    status: 400,
    ja: 'コメントを入力してください。',
    en: 'Please enter a comment.',
  },
  'approval/law_number_required': {
    status: 400,
    ja: '法令番号を入力してください。',
    en: 'Please enter the law number.',
  },
  'approval/invalid_enforcement': {
    status: 422,
    ja: '施行日（決裁日以降）と送付方法を入力してください。',
    en: 'Enter the enforcement date (on or after the decision) and how it was sent.',
  },
  'approval/no_decider': {
    status: 422,
    ja: '専決規程に該当する決裁者が見つかりません。管理者に連絡してください。',
    en: 'No deciding position was found in the decision-authority table. Please contact an administrator.',
  },
  'approval/template_not_found': { status: 404, ja: '様式が見つかりません。', en: 'Template not found.' },
  'approval/template_code_taken': {
    status: 409,
    ja: 'その様式コードは既に使われています。',
    en: 'That template code is already in use.',
  },
  'approval/template_inactive': {
    status: 409,
    ja: 'この様式は現在使われていません。',
    en: 'This template is no longer in use.',
  },
  'approval/invalid_authority_table': {
    status: 422,
    ja: '専決規程の表に誤りがあります（金額の重複、上位の金額で下位の職が決裁する、など）。',
    en: 'The decision-authority table is not valid (a repeated bound, or a larger amount decided by a lower position).',
  },
  'approval/document_not_found': { status: 404, ja: '文書が見つかりません。', en: 'Document not found.' },
  'approval/document_changed': {
    status: 409,
    ja: 'この文書はほかの人が先に処理または更新しました。最新の状態を確かめてから、もう一度操作してください。',
    en: 'Someone else changed this document first. Check its current state and try again.',
  },
  'approval/not_editable': {
    status: 409,
    ja: '起案中・差戻し・引戻しの文書だけが編集できます。',
    en: 'Only a document that is with its drafter (draft, sent back or withdrawn) can be edited.',
  },
  'approval/invalid_fields': {
    status: 400,
    ja: '様式の入力項目に誤りがあります。',
    en: 'Some fields of the form are not valid.',
  },
  'approval/fiscal_year_not_allowed': {
    status: 422,
    ja: 'その年度では起案できません。4月と5月（出納整理期間）だけ前年度を選べます。',
    en: 'That fiscal year cannot be chosen. Only in April and May can the previous fiscal year be chosen.',
  },
  'approval/no_department': {
    status: 422,
    ja: '本日の所属（本務）がないため起案できません。管理者に連絡してください。',
    en: 'You have no primary department today, so you cannot draft. Please contact an administrator.',
  },
  'approval/unknown_assignee': {
    status: 422,
    ja: '合議・後閲の相手（職員・所属・職）が見つかりません。',
    en: 'A consultation or review assignee (person, department or position) was not found.',
  },
  'approval/export_not_decided': {
    status: 409,
    ja: '決裁が済んだ文書だけPDFで出力できます。',
    en: 'Only a decided document can be exported as a PDF.',
  },
  'approval/attachment_not_found': {
    status: 404,
    ja: '添付ファイルが見つかりません。',
    en: 'Attachment not found.',
  },
  'approval/attachments_closed': {
    status: 409,
    ja: '決裁の後は添付ファイルを追加できません。',
    en: 'Attachments cannot be added once the document is decided.',
  },
  'approval/attachment_not_removable': {
    status: 409,
    ja: '回付中の文書の添付ファイルは削除できません。差し替えるときは差戻し後の新しい版で行ってください。',
    en: 'An attachment cannot be removed while the document is on its route. Replace it in a new version after a send-back.',
  },
  'approval/not_allowed_to_attach': {
    status: 403,
    ja: 'この文書にファイルを添付できるのは、起案者と処理中の方だけです。',
    en: 'Only the drafter and the people acting on it now can attach files to this document.',
  },
  'approval/too_many_attachments': {
    status: 422,
    ja: '1つの文書に添付できるファイルは50件までです。',
    en: 'A document can have at most 50 attachments.',
  },
  'approval/search_date_range_invalid': {
    status: 400,
    ja: '日付の範囲が正しくありません。開始日は終了日と同じか、それより前の日にしてください。',
    en: 'The date range is not valid: the first day must be on or before the last day.',
  },
  'approval/search_amount_range_invalid': {
    status: 400,
    ja: '金額の範囲が正しくありません。下限は上限以下にしてください。',
    en: 'The amount range is not valid: the minimum must not be larger than the maximum.',
  },
  // Meetings (issue 7)
  'meeting/not_found': { status: 404, ja: '会議が見つかりません。', en: 'Meeting not found.' },
  'meeting/not_in_session': {
    status: 409,
    ja: '会議が開催中ではないため、資料を映せません。',
    en: 'The meeting is not in session, so nothing can be presented.',
  },
  'meeting/not_a_presenter': {
    status: 403,
    ja: '資料を映せるのは、説明者・議長・主催者だけです。',
    en: 'Only presenters, the chair and the organiser can present.',
  },
  'meeting/not_allowed_to_force': {
    status: 403,
    ja: '全員の画面を合わせられるのは、議長と主催者だけです。',
    en: 'Only the chair and the organiser can make everyone follow.',
  },
  'meeting/not_organiser': {
    status: 403,
    ja: 'この会議を編集できるのは、主催者と管理者だけです。',
    en: 'Only the organiser and administrators can edit this meeting.',
  },
  'meeting/changed': {
    status: 409,
    ja: 'この会議は他の人によって変更されました。画面を読み込み直してからもう一度お試しください。',
    en: 'Someone else changed this meeting. Please reload it and try again.',
  },
  'meeting/not_editable': {
    status: 409,
    ja: '終了した会議は変更できません。',
    en: 'A closed meeting cannot be changed.',
  },
  'meeting/invalid_transition': {
    status: 409,
    ja: '会議の今の状態では、この操作はできません。',
    en: 'This cannot be done in the current state of the meeting.',
  },
  'meeting/time_range_invalid': {
    status: 400,
    ja: '終了日時は開始日時より後にしてください。',
    en: 'The end must be after the start.',
  },
  'meeting/unknown_participant': {
    status: 422,
    ja: '参加者（職員または所属）が見つかりません。',
    en: 'The participant (person or department) was not found.',
  },
  'meeting/participant_exists': {
    status: 409,
    ja: 'この参加者はすでに登録されています。',
    en: 'This participant is already on the meeting.',
  },
  'meeting/participant_not_found': {
    status: 404,
    ja: '参加者が見つかりません。',
    en: 'Participant not found.',
  },
  'meeting/agenda_item_not_found': {
    status: 404,
    ja: '議題が見つかりません。',
    en: 'Agenda item not found.',
  },
  'meeting/agenda_order_stale': {
    status: 409,
    ja: '議題の一覧が変わっています。画面を読み込み直してから並べ替えてください。',
    en: 'The agenda has changed. Please reload it before reordering.',
  },
  'meeting/material_not_found': {
    status: 404,
    ja: '資料が見つかりません。',
    en: 'Material not found.',
  },
  'meeting/material_not_removable': {
    status: 409,
    ja: '配布した後の資料は削除できません。差し替えてください。',
    en: 'A material cannot be removed once the meeting is distributed. Replace it instead.',
  },
  'meeting/not_allowed_to_upload': {
    status: 403,
    ja: '資料を追加・差し替えできるのは、主催者・管理者と、その議題の説明者だけです。',
    en: 'Only the organiser, administrators and the presenter of the agenda item can add or replace its materials.',
  },
  // Meetings: private notes (issue 7)
  'meeting/note_not_found': { status: 404, ja: 'メモが見つかりません。', en: 'Note not found.' },
  'meeting/note_version_superseded': {
    status: 409,
    ja: 'この資料は差し替えられました。新しい版を開いてからメモを書いてください。これまでのメモは新しい版に移っています。',
    en: 'This material has been replaced. Open the new version to write notes; your earlier notes have moved to it.',
  },
  'meeting/note_page_out_of_range': {
    status: 422,
    ja: 'この資料にそのページはありません。',
    en: 'The material has no such page.',
  },
  'meeting/no_notes_to_export': {
    status: 422,
    ja: 'この資料にはまだメモがありません。メモを書いてから書き出してください。',
    en: 'You have no notes on this material yet. Write some notes before exporting.',
  },
  // Meetings: minutes, search, disposal (issue 7, after the meeting)
  'meeting/not_allowed_to_write_minutes': {
    status: 403,
    ja: '議事録を書けるのは、主催者・議長・管理者だけです。',
    en: 'Only the organiser, the chair and administrators can write the minutes.',
  },
  'meeting/minutes_changed': {
    status: 409,
    ja: '議事録は他の人によって変更されました。画面を読み込み直してから、もう一度保存してください。',
    en: 'Someone else changed the minutes. Please reload them and save again.',
  },
  'meeting/minutes_file_not_found': {
    status: 404,
    ja: '議事録のPDFはありません。',
    en: 'The minutes have no PDF.',
  },
  'meeting/search_range_invalid': {
    status: 400,
    ja: '日付の範囲が正しくありません。開始日は終了日と同じか、それより前の日にしてください。',
    en: 'The date range is not valid: the first day must be on or before the last day.',
  },
  'meeting/not_allowed_to_dispose': {
    status: 403,
    ja: '会議を廃棄できるのは管理者だけです。',
    en: 'Only administrators can dispose of a meeting.',
  },
  'meeting/not_disposable_yet': {
    status: 409,
    ja: 'この会議はまだ廃棄できません。廃棄できるのは、保存期間（廃棄予定日）を過ぎてからです。',
    en: 'This meeting cannot be disposed of yet: only once its retention period (the disposal date) has passed.',
  },
  'internal/unexpected': {
    status: 500,
    ja: 'システムでエラーが発生しました。時間をおいてもう一度お試しください。',
    en: 'Something went wrong. Please try again later.',
  },
  // Notifications (issue 6)
  'notifications/not_found': { status: 404, ja: 'お知らせが見つかりません。', en: 'Notification not found.' },
  // chat (issue 8)
  'chat/channel_not_found': {
    status: 404,
    ja: 'チャンネルが見つかりません。削除されたか、参加していない非公開のチャンネルです。',
    en: 'Channel not found. It was removed, or it is a private channel you are not in.',
  },
  'chat/message_not_found': { status: 404, ja: 'メッセージが見つかりません。', en: 'Message not found.' },
  'chat/not_member': {
    status: 403,
    ja: 'このチャンネルに参加していないため、書き込めません。先に参加してください。',
    en: 'You are not a member of this channel. Join it first.',
  },
  'chat/channel_archived': {
    status: 409,
    ja: 'このチャンネルはアーカイブされているため、書き込めません。',
    en: 'This channel is archived and cannot take new messages.',
  },
  'chat/not_channel_manager': {
    status: 403,
    ja: 'チャンネルの設定を変えられるのは、作成者（管理者）とシステム管理者だけです。',
    en: 'Only the channel owner or an administrator can change this channel.',
  },
  'chat/org_channel_fixed': {
    status: 409,
    ja: '全庁・所属のチャンネルの参加者は組織図から決まるため、手で変えることはできません。',
    en: 'The members of all-staff and department channels follow the org chart and cannot be changed by hand.',
  },
  'chat/channel_name_taken': {
    status: 409,
    ja: '同じ名前のチャンネルが既にあります。別の名前にしてください。',
    en: 'A channel with this name already exists. Choose another name.',
  },
  'chat/not_author': {
    status: 403,
    ja: '自分が送ったメッセージだけを編集・削除できます。',
    en: 'You can edit or delete only your own messages.',
  },
  'chat/message_deleted': {
    status: 409,
    ja: 'このメッセージは削除されています。',
    en: 'This message has been deleted.',
  },
  'chat/empty_message': {
    status: 400,
    ja: 'メッセージを入力するか、ファイルを添付してください。',
    en: 'Write a message or attach a file.',
  },
  'chat/thread_not_found': {
    status: 404,
    ja: '返信先のメッセージが見つかりません。',
    en: 'The message you are replying to was not found.',
  },
  'chat/client_id_reused': {
    status: 409,
    ja: 'この送信番号は別のメッセージに使われています。画面を再読み込みしてからもう一度送ってください。',
    en: 'This message id was already used for another message. Reload and send again.',
  },
  'chat/file_not_found': {
    status: 404,
    ja: '添付ファイルが見つかりません。もう一度添付してください。',
    en: 'The attached file was not found. Attach it again.',
  },
  'chat/person_not_found': {
    status: 404,
    ja: '指定された職員が見つかりません。',
    en: 'The staff member was not found.',
  },
  'chat/cannot_leave': {
    status: 409,
    ja: 'このチャンネルからは抜けられません（全庁・所属のチャンネル、または最後の作成者です）。',
    en: 'You cannot leave this channel (an all-staff or department channel, or you are its last owner).',
  },
  'chat/ack_not_requested': {
    status: 409,
    ja: 'このメッセージは確認を求めていません。',
    en: 'This message does not ask for confirmation.',
  },
  'chat/receipts_off': {
    status: 409,
    ja: 'このチャンネルでは既読の表示がオフになっています。',
    en: 'Read receipts are turned off in this channel.',
  },
  'chat/too_many_reactions': {
    status: 409,
    ja: 'このメッセージにはこれ以上リアクションを付けられません。',
    en: 'This message cannot take more reactions.',
  },
  // disaster (issue 8)
  'disaster/not_found': {
    status: 404,
    ja: '安否確認が見つかりません。',
    en: 'Roll-call not found.',
  },
  'disaster/not_allowed': {
    status: 403,
    ja: '安否確認を開始・終了できるのは管理者だけです。',
    en: 'Only administrators can start or close a roll-call.',
  },
  'disaster/tally_not_allowed': {
    status: 403,
    ja: '集計を見られるのは、管理者と課長など所属の長（自分の所属の分）だけです。',
    en: 'Only administrators, and heads of divisions for their own people, can see the tally.',
  },
  'disaster/already_open': {
    status: 409,
    ja: '実施中の安否確認があります。新しく始める前に、いまの安否確認を終了してください。',
    en: 'A roll-call is already running. Please close it before starting a new one.',
  },
  'disaster/closed': {
    status: 409,
    ja: 'この安否確認はすでに終了しているため、回答できません。',
    en: 'This roll-call has been closed; answers are no longer taken.',
  },
  // attendance (issue 9)
  'attendance/month_out_of_range': {
    status: 400,
    ja: '表示できるのは、いまから前後2年までの月です。',
    en: 'Only months up to two years before or after now can be shown.',
  },
  'attendance/settings_invalid': {
    status: 400,
    ja: '勤務・休暇の設定に誤りがあります。閉庁日の書き方（例：12-29/01-03）や日数を確かめてください。',
    en: 'The attendance settings are not valid. Check how closed days are written (e.g. 12-29/01-03) and the numbers of days.',
  },
  'attendance/special_leave_type': {
    status: 404,
    ja: 'その種類の特別休暇はありません。',
    en: 'There is no special leave of that type.',
  },
  'attendance/special_leave_details': {
    status: 400,
    ja: 'この休暇には、続柄・対象の人数・出来事の日（結婚の日、出産予定日や出産の日）のうち必要なものを入力してください。',
    en: 'This leave needs its details: the relationship, the number of persons cared for, or the day of the event (wedding, expected or actual birth).',
  },
  'attendance/special_leave_period': {
    status: 400,
    ja: 'この休暇を取れる期間の外です（夏季休暇の期間、結婚の日の前後、出産の前後など）。日付を確かめてください。',
    en: 'These days are outside the period this leave may be taken in (the summer season, around the wedding or the birth). Check the dates.',
  },
  'attendance/special_leave_limit': {
    status: 409,
    ja: 'この休暇の日数の上限を超えます。これまでに取った日数と、上限を確かめてください。',
    en: 'This would pass the limit of days of this leave. Check the days already taken and the limit.',
  },
  'attendance/leave_overlap': {
    status: 409,
    ja: 'その日にはすでに休暇の申請があります（決裁待ちまたは承認済み）。日付を確かめてください。',
    en: 'Leave has already been requested for those days (waiting or approved). Check the dates.',
  },
  // punch corrections (打刻修正)
  'attendance/correction_future': {
    status: 400,
    ja: 'これから先の日や時刻には打刻修正を申請できません。',
    en: 'A correction cannot be requested for a day or time still to come.',
  },
  'attendance/correction_time_off_day': {
    status: 400,
    ja: '修正する時刻は、その勤務日の時刻にしてください（退勤は翌朝5時まで）。',
    en: 'The times must lie on the working day (a clock-out up to 5:00 the next morning).',
  },
  'attendance/correction_order': {
    status: 400,
    ja: '退勤の時刻は、出勤の時刻より後にしてください。',
    en: 'The clock-out must come after the clock-in.',
  },
  'attendance/correction_nothing_to_remove': {
    status: 400,
    ja: 'この日には取り消す打刻がありません。',
    en: 'There is no such punch on this day to remove.',
  },
  'attendance/correction_pending': {
    status: 409,
    ja: 'この日の打刻修正はすでに申請中です。決裁を待つか、取り下げてから申請し直してください。',
    en: 'A correction of this day is already waiting for approval. Wait for it, or withdraw it and ask again.',
  },
  'attendance/correction_not_found': {
    status: 404,
    ja: '打刻修正の申請が見つかりません。',
    en: 'Punch correction not found.',
  },
  'attendance/correction_not_withdrawable': {
    status: 409,
    ja: '取り下げられるのは、決裁を待っている打刻修正だけです。',
    en: 'Only a correction still waiting for approval can be withdrawn.',
  },
  'attendance/leave_insufficient': {
    status: 409,
    ja: '年次休暇の残りが足りません。残りの日数・時間を確かめてください。',
    en: 'Not enough annual leave is left. Check the days and hours remaining.',
  },
  'attendance/leave_not_working_day': {
    status: 400,
    ja: '選んだ日は勤務日ではありません（週休日・祝日・閉庁日）。勤務日を選んでください。',
    en: 'The day chosen is not a working day (weekend, holiday or closure). Choose a working day.',
  },
  'attendance/leave_hours': {
    status: 400,
    ja: '時間単位の休暇は1時間単位で、1日の勤務時間より短くしてください（残りが1時間未満のときは、残りすべてを取れます）。',
    en: 'Hourly leave is taken in whole hours, less than a working day (a remainder under an hour can be taken only as a whole).',
  },
  'attendance/leave_dates': {
    status: 400,
    ja: '休暇の期間が正しくありません。年度（休暇の年）をまたぐときは、分けて申請してください。',
    en: 'The dates of the leave are not valid. Leave that crosses the leave year must be requested in two parts.',
  },
  'attendance/leave_not_found': {
    status: 404,
    ja: '休暇の申請が見つかりません。',
    en: 'Leave request not found.',
  },
  'attendance/leave_not_cancellable': {
    status: 409,
    ja: 'この休暇は取り消せません（すでに始まった休暇や、取り下げ・否決された申請です）。',
    en: 'This leave cannot be cancelled (it has begun, or the request was withdrawn or rejected).',
  },
  'attendance/overtime_over_limit': {
    status: 409,
    ja: 'この時間外勤務は上限（月45時間・年360時間など）を超えます。時間を減らすか、特例業務として申請してください。',
    en: 'This overtime would pass a limit (45 hours a month, 360 a year …). Reduce it, or request it as special work.',
  },
  'attendance/overtime_not_found': {
    status: 404,
    ja: '時間外勤務の申請が見つかりません。',
    en: 'Overtime request not found.',
  },
  'attendance/overtime_not_reportable': {
    status: 409,
    ja: '実績を報告できるのは、承認された時間外勤務の当日以降です。',
    en: 'The hours worked can be reported for approved overtime, from its day on.',
  },
  // attendance: timesheets (出勤簿), month close
  'attendance/month_closed': {
    status: 409,
    ja: 'この月の出勤簿は締められているため、記録できません。締めの解除は管理者に依頼してください。',
    en: 'This month’s timesheet is closed, so nothing can be recorded. Ask an administrator to reopen it.',
  },
  'attendance/timesheet_not_allowed': {
    status: 403,
    ja: 'この出勤簿を見る・操作する権限がありません（本人、所属長、庶務担当、管理者のみ）。',
    en: 'You may not see or change this timesheet (only the person, their head of department, its attendance clerk and administrators).',
  },
  'attendance/reopen_not_allowed': {
    status: 403,
    ja: '締めた月を開け直せるのは管理者だけです。',
    en: 'Only administrators can reopen a closed month.',
  },
  'attendance/month_not_closable': {
    status: 400,
    ja: 'まだ始まっていない月は締められません。',
    en: 'A month that has not begun cannot be closed.',
  },
  'attendance/clerk_not_found': {
    status: 404,
    ja: 'この所属の庶務担当として登録されていません。',
    en: 'This person is not an attendance clerk of this department.',
  },
  'approval/binder_not_allowed': {
    status: 422,
    ja: 'その簿冊には綴じられません。自分の課の、使用中の簿冊を選んでください。',
    en: 'The document cannot be filed in that binder. Choose a binder of your department that is in use.',
  },
  'files/disposed': {
    status: 410,
    ja: 'このファイルは保存期間が満了して廃棄されました。廃棄の記録は残っています。',
    en: 'This file was destroyed at the end of its retention. The record of its disposal remains.',
  },
  'records/receipt_not_found': {
    status: 404,
    ja: '収受文書が見つかりません。',
    en: 'Received document not found.',
  },
  'records/binder_not_found': { status: 404, ja: '簿冊が見つかりません。', en: 'Binder not found.' },
  'records/file_plan_item_not_found': {
    status: 404,
    ja: '文書分類が見つかりません。',
    en: 'File plan entry not found.',
  },
  'records/file_plan_code_taken': {
    status: 409,
    ja: 'その分類記号は既に使われています。',
    en: 'That classification code is already in use.',
  },
  'records/not_records_officer': {
    status: 403,
    ja: 'この操作は文書管理の担当者（管理者）だけができます。',
    en: 'Only the records officer (an administrator) can do this.',
  },
  'records/not_receiver': {
    status: 403,
    ja: 'この収受文書を直せるのは、受け付けた課の職員と管理者だけです。',
    en: 'Only the staff of the receiving department and administrators can change this received document.',
  },
  'records/receipt_files_full': {
    status: 409,
    ja: '1件の収受文書に添付できるファイルは10件までです。',
    en: 'A received document can hold up to 10 files.',
  },
  'records/no_department': {
    status: 422,
    ja: '所属する課がないため、収受できません。',
    en: 'You belong to no department, so you cannot register a received document.',
  },
  'records/received_in_future': {
    status: 422,
    ja: '収受日に未来の日付は指定できません。',
    en: 'The day of receipt cannot be in the future.',
  },
  'records/secrecy_not_allowed': {
    status: 403,
    ja: '秘文書の指定を変えられるのは、起案者・受付者と管理者だけです。',
    en: 'Only the drafter or receiver and administrators can change whether a document is secret.',
  },
  'records/binder_not_active': {
    status: 409,
    ja: 'この簿冊は既に移管・廃棄の手続き中か、手続きが終わっています。',
    en: 'This binder is already being transferred or disposed of, or that is done.',
  },
  'records/binder_not_due': {
    status: 409,
    ja: '保存期間が満了していない簿冊は、移管・廃棄できません。',
    en: 'A binder can be transferred or disposed of only after its retention has ended.',
  },
  'records/binder_permanent': {
    status: 409,
    ja: '永年保存の簿冊は、移管・廃棄できません。',
    en: 'A binder kept permanently cannot be transferred or disposed of.',
  },
  'records/binder_for_transfer': {
    status: 409,
    ja: 'この簿冊は文書分類表で「移管」とされています。廃棄目録には載せず、移管の手続きをしてください。',
    en: 'The file plan says this binder goes to the archives. Transfer it instead of putting it on a disposal list.',
  },
  'records/extension_not_later': {
    status: 422,
    ja: '延長後の保存期間満了日は、今の満了日より後の日にしてください。',
    en: 'The new end of retention must be later than the present one.',
  },
  'records/disposal_list_not_found': {
    status: 404,
    ja: '廃棄目録が見つかりません。',
    en: 'Disposal list not found.',
  },
  'records/paper_decided_in_future': {
    status: 422,
    ja: '決裁日・施行日に未来の日付は指定できません。',
    en: 'The days of decision and enforcement cannot be in the future.',
  },
  'records/dashboard_not_allowed': {
    status: 403,
    ja: '文書管理の集計を見られるのは、管理者と課長（自分の課）だけです。',
    en: 'Only administrators and heads of departments (their own) can see the records figures.',
  },
} as const satisfies Record<string, { status: number; ja: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERRORS[code][locale];
}

/** One detail of an error, e.g. one invalid field or one bad CSV line. */
export const errorDetailSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])).optional(),
  line: z.number().int().optional(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/** The one error shape of the API. */
export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.array(errorDetailSchema).optional(),
  requestId: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
