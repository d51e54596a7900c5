// The one error type for what the user did wrong: a message key and its values. It speaks no
// language: the edge (a custom function's stub, the sidebar) renders it in the user's (i18n/errors.ts).

/** Every mistake a user can make that we name; i18n/errors.ts has a message for each, in each language. */
export type ErrorKey =
  | 'badDate'
  | 'reversedDates'
  | 'badNumber'
  | 'notInFunnel'
  | 'stageNotInFunnel'
  | 'stageOrder'
  | 'noFunnel'
  | 'funnelTooShort'
  | 'duplicateStage'
  | 'funnelColumns'
  | 'sizeMismatch'
  | 'oneColumn'
  | 'activityColumns'
  | 'noData'
  | 'noReached'
  | 'badOption'
  | 'badPositive'
  | 'badNonNegative'
  | 'badConfidence'
  | 'badCount'
  | 'successesOverTrials'
  | 'badBoolean'
  | 'zeroPlan'
  | 'noPlannedRows'
  | 'noWonClients'
  | 'settingsBusy'
  | 'settingsTooLarge'
  | 'settingsStoreFull'
  | 'settingsChangedMeanwhile'
  | 'notWholeSettings'
  | 'noCountedLeads'
  | 'badPeriod'
  | 'asOfOutsidePeriod';

export class UserError extends Error {
  constructor(
    readonly key: ErrorKey,
    readonly values: Record<string, unknown> = {},
  ) {
    super(key);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
