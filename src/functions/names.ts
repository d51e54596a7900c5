// The custom functions' names alone, for the actions (the formula refresh: every formula calling one
// is recomputed) without the functions' code. A function added to the registry is added here too:
// test/refresh/formulas.test.ts fails until it is.
export const FUNCTION_NAMES = [
  'FUNNEL',
  'STAGE_CONVERSION',
  'DEAL_CYCLE',
  'STALLED_DEALS',
  'TIME_IN_STAGE',
  'RESPONSE_TIME',
  'SLA_BREACH_RATE',
  'EFFECTIVE_TOUCHES',
  'REPEAT_RATE',
  'PLAN_FACT',
  'PLAN_DISCIPLINE',
  'CONVERSION_INTERVAL',
  'FORECAST_REVENUE',
] as const;
