import { tokyoDate } from '../dates';
import type { ActingAs, ActionContext, ApprovalAction } from './actions';
import { applyAction } from './state-machine';
import type { ApprovalState } from './state';

/** An action a person may take now; the screen shows a button for each. */
export interface AllowedAction {
  type: ApprovalAction['type'];
  stepId?: string;
  acting?: ActingAs;
}

/**
 * What the actor may do on the document now, found by asking `applyAction` itself (so it can never disagree
 * with it). Payloads are placeholders: 差戻し is listed when it is possible to the drafter, 施行 with today's
 * date. `set_route` and `comment` are listed when the state allows them.
 */
export function allowedActions(state: ApprovalState, context: ActionContext): AllowedAction[] {
  const allowed: AllowedAction[] = [];
  const tryAction = (action: ApprovalAction, entry: AllowedAction): void => {
    if (applyAction(state, action, context).ok) allowed.push(entry);
  };
  const capacities: ActingAs[] = [
    { as: 'self' },
    { as: 'superior' },
    ...(context.deputyFor ?? []).map((forUserId): ActingAs => ({ as: 'deputy', forUserId })),
  ];
  for (const step of state.stages.flatMap((stage) => stage.steps)) {
    if (step.status !== 'active') continue;
    const stepId = step.id;
    for (const acting of capacities) {
      const entry = (type: ApprovalAction['type']): AllowedAction =>
        acting.as === 'self' ? { type, stepId } : { type, stepId, acting };
      tryAction({ type: 'approve', stepId, acting }, entry('approve'));
      tryAction({ type: 'decide', stepId, acting }, entry('decide'));
      if (acting.as === 'self') tryAction({ type: 'acknowledge', stepId }, entry('acknowledge'));
      const reason = '-';
      tryAction({ type: 'send_back', stepId, acting, reason, to: { type: 'drafter' } }, entry('send_back'));
      tryAction({ type: 'reject', stepId, acting, reason }, entry('reject'));
    }
  }
  tryAction({ type: 'submit' }, { type: 'submit' });
  tryAction({ type: 'withdraw' }, { type: 'withdraw' });
  tryAction({ type: 'discard' }, { type: 'discard' });
  tryAction(
    { type: 'enforce', enforcedOn: tokyoDate(new Date(context.at)), method: '-' },
    { type: 'enforce' },
  );
  tryAction({ type: 'comment', text: '-' }, { type: 'comment' });
  tryAction({ type: 'record_law_number', lawNumber: '-' }, { type: 'record_law_number' });
  // An empty route is never valid: refused for that reason alone, a real route would be taken.
  const routeProbe = applyAction(state, { type: 'set_route', route: [] }, context);
  if (!routeProbe.ok && routeProbe.error === 'approval/invalid_route') allowed.push({ type: 'set_route' });
  return allowed;
}
