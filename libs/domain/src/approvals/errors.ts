/**
 * Why `applyAction` refuses an action. The API puts these codes in libs/contracts with their messages; the
 * HTTP status each should answer with is given here so the two stay in step.
 */
export const APPROVAL_ERROR_STATUS = {
  /** No step with that id on this document. */
  'approval/step_not_found': 404,
  /** The step was already acted on (or closed by another step of an `any` stage): a second decision. */
  'approval/step_already_decided': 409,
  /** The step has not been reached yet. */
  'approval/step_not_active': 409,
  /** The actor does not hold the step. */
  'approval/not_your_step': 403,
  /** 代決: the actor is not a registered deputy of that person today, or that person does not hold the step. */
  'approval/not_a_deputy': 403,
  /** 引き上げ: the actor holds no later step of this route. */
  'approval/not_a_superior': 403,
  'approval/not_the_drafter': 403,
  'approval/not_document_administrator': 403,
  /** E.g. 決裁 on a 承認 step, or 否決 anywhere but the 決裁 step. */
  'approval/action_not_for_step': 422,
  /** 代決 or 引き上げ where they do not apply (e.g. 引き上げ of a 合議 step, a deputy for 後閲). */
  'approval/capacity_not_allowed': 422,
  /** After 決裁 nothing of substance changes. */
  'approval/document_decided': 409,
  /** The document is not on its route now (a draft, sent back or withdrawn). */
  'approval/document_not_in_progress': 409,
  /** The document is finished: rejected, completed (施行済), circulated or discarded. */
  'approval/document_closed': 409,
  /** The document is already on its route (submit, route changes and 取下げ need it back first). */
  'approval/already_submitted': 409,
  /** 引戻し is possible only until the first approver acts. */
  'approval/cannot_withdraw': 409,
  /** 施行 needs a decided document. */
  'approval/not_decided': 409,
  /** The route breaks a rule; `details` lists the problems. */
  'approval/invalid_route': 422,
  /** 差戻し goes to the drafter or to a step of an earlier stage that was approved. */
  'approval/invalid_send_back_target': 422,
  'approval/reason_required': 400,
  'approval/comment_required': 400,
  'approval/law_number_required': 400,
  /** 施行日 missing, not a date or before the decision, or no way of sending given. */
  'approval/invalid_enforcement': 422,
  /** The 専決規程 has no rule for this category and amount, or the drafter's chain has no one to decide. */
  'approval/no_decider': 422,
} as const;

export type ApprovalErrorCode = keyof typeof APPROVAL_ERROR_STATUS;

export const APPROVAL_ERROR_CODES = Object.keys(APPROVAL_ERROR_STATUS) as ApprovalErrorCode[];
