// The custom functions' names alone, for the actions (the formula refresh) without the functions' code;
// test/refresh checks it against the registry.
export const FUNCTION_NAMES = [
  'FUNNEL', 'STAGE_CONVERSION', 'DEAL_CYCLE', 'STALLED_DEALS', 'RESPONSE_TIME', 'SLA_BREACH_RATE',
  'EFFECTIVE_TOUCHES', 'REPEAT_RATE', 'PLAN_FACT', 'PLAN_DISCIPLINE', 'CONVERSION_INTERVAL',
] as const;
