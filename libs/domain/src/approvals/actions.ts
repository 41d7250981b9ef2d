import type { ApprovalErrorCode } from './errors';
import type { Assignee, RouteDefinition, RouteProblem } from './route';
import type { ApprovalState, StepRecord, StepStatus } from './state';

/** In whose place the actor acts. Default `self`. */
export type ActingAs =
  | { as: 'self' }
  /** 引き上げ: a person holding a later 承認/決裁 step of the route acts for an absent lower 承認 step. */
  | { as: 'superior' }
  /** 代決: a registered deputy acts for an absent approver holding the step. */
  | { as: 'deputy'; forUserId: string };

/** 差戻し goes back to the drafter, or to an approved step of an earlier stage. */
export type SendBackTarget = { type: 'drafter' } | { type: 'step'; stepId: string };

export type ApprovalAction =
  /** 起案 (first submission) or resubmission after 差戻し/引戻し (a new version). Drafter only. */
  | { type: 'submit' }
  /** Replace the route while the document is with the drafter. */
  | { type: 'set_route'; route: RouteDefinition }
  /** 承認 of a 承認 step, or agreement to a 合議 step. */
  | { type: 'approve'; stepId: string; comment?: string; acting?: ActingAs }
  /** 決裁. */
  | { type: 'decide'; stepId: string; comment?: string; acting?: ActingAs }
  /** 確認 of a 供覧, or 後閲 after the decision. Only in person. */
  | { type: 'acknowledge'; stepId: string; comment?: string }
  /** 差戻し, with a reason. */
  | { type: 'send_back'; stepId: string; to: SendBackTarget; reason: string; acting?: ActingAs }
  /** 否決, by the 決裁 step only; ends the route. */
  | { type: 'reject'; stepId: string; reason: string; acting?: ActingAs }
  /** A comment, optionally about a step. Who may see the document decides who may comment (the API). */
  | { type: 'comment'; text: string; stepId?: string }
  /** 引戻し by the drafter, possible until the first approver acts. */
  | { type: 'withdraw' }
  /** 施行: the drafter (or a document administrator) records 施行日 and how it was sent. */
  | { type: 'enforce'; enforcedOn: string; method: string }
  /** 取下げ: the drafter gives up a document that is with them. */
  | { type: 'discard' }
  /** A formal addition after the decision (法令番号), by a document administrator. */
  | { type: 'record_law_number'; lawNumber: string };

export type ApprovalActionType = ApprovalAction['type'];

export interface ActionContext {
  actorId: string;
  /** ISO instant of the action. */
  at: string;
  /** People the actor may act for today as a registered deputy (代決), because they are absent. */
  deputyFor?: readonly string[];
  /** Whether the actor is a document administrator (文書管理者: formal additions, 施行 on the drafter's behalf). */
  isDocumentAdministrator?: boolean;
  /**
   * The people holding an assignee at `at` (兼務 included; a user assignee resolves to that user while their
   * account is active). Used for the steps that become active and to find who is a superior on the route.
   */
  resolve: (assignee: Assignee) => readonly string[];
}

export type ApprovalEvent =
  | { type: 'submitted'; version: number; resubmission: boolean }
  | { type: 'route_set' }
  | { type: 'step_activated'; stepId: string; holders: readonly string[] }
  /** A step became active but nobody holds its position today: someone must see to it (引き上げ, a new route). */
  | { type: 'step_without_holder'; stepId: string }
  | { type: 'step_acted'; stepId: string; outcome: StepStatus; record: StepRecord }
  | { type: 'step_skipped'; stepId: string }
  | { type: 'step_reset'; stepId: string }
  | { type: 'review_step_added'; stepId: string; forUserId: string; afterStepId: string }
  | { type: 'review_step_removed'; stepId: string }
  | { type: 'sent_back'; fromStepId: string; toStepId: string | null; reason: string }
  | { type: 'decided'; stepId: string }
  | { type: 'rejected'; stepId: string; reason: string }
  | { type: 'circulated' }
  | { type: 'withdrawn' }
  | { type: 'enforced'; enforcedOn: string; method: string }
  | { type: 'discarded' }
  | { type: 'comment_added'; text: string; stepId: string | null }
  | { type: 'law_number_recorded'; lawNumber: string }
  /** Issue the document number now, in the same transaction (see numbering.ts). */
  | { type: 'number_due' };

export type ActionResult =
  | { ok: true; state: ApprovalState; events: ApprovalEvent[] }
  | { ok: false; error: ApprovalErrorCode; details?: RouteProblem[] };
