/**
 * Leave (休暇): annual leave (年次休暇) grants, balances and requests, and special leave (特別休暇) limits. Pure
 * rules in minutes and `YYYY-MM-DD` dates; the API stores grants and requests and derives balances here, the web
 * app previews a request's balance before and after with the same functions.
 *
 * - `leave-rules.ts`: `LeaveRules`, `DEFAULT_LEAVE_RULES`, `validateLeaveRules`, `leaveYearOf`, `leaveYearRange`
 * - `leave-grant.ts`: `annualGrant` (full, pro-rated, proportional), `monthsLeftInLeaveYear`, `serviceCompletedOn`
 * - `leave-balance.ts`: `leaveBalance`, `checkLeaveRequest`, `leaveWorkingDates`, `leaveAmountParts`
 * - `leave-special.ts`: `DEFAULT_SPECIAL_LEAVE`, `specialLeaveDays`, maternity leave dates
 * - `leave-special-check.ts`: `checkSpecialLeave`, whether a special leave request fits its type's limit
 */
export * from './leave-rules';
export * from './leave-grant';
export * from './leave-balance';
export * from './leave-special';
export * from './leave-special-check';
