// The one typed registry of custom functions: the build generates the public stubs and JSDoc from it.
import { isUserError, type UserError } from '../errors';
import { languageOf, type Language } from '../i18n/language';
import { renderUserError } from '../i18n/errors';
import { EFFECTIVE_TOUCHES, PLAN_DISCIPLINE, PLAN_FACT } from './activity';
import { CONVERSION_INTERVAL, REPEAT_RATE } from './clients';
import { memoEnv, type FunctionEnv } from './env';
import { FORECAST_REVENUE } from './forecast';
import { FUNNEL, STAGE_CONVERSION } from './funnel';
import type { CustomFunctionSpec } from './spec';
import { DEAL_CYCLE, RESPONSE_TIME, SLA_BREACH_RATE, STALLED_DEALS } from './time';
import { TIME_IN_STAGE } from './stageTime';

export const CUSTOM_FUNCTIONS: readonly CustomFunctionSpec[] = [
  FUNNEL,
  STAGE_CONVERSION,
  DEAL_CYCLE,
  STALLED_DEALS,
  TIME_IN_STAGE,
  RESPONSE_TIME,
  SLA_BREACH_RATE,
  EFFECTIVE_TOUCHES,
  REPEAT_RATE,
  PLAN_FACT,
  PLAN_DISCIPLINE,
  CONVERSION_INTERVAL,
  FORECAST_REVENUE,
];

/** What Sheets shows on #ERROR!: one line of at most a few hundred characters, whatever the argument held. */
export const MAX_MESSAGE = 300;
function oneLine(message: string): string {
  const line = message.slice(0, MAX_MESSAGE * 2).replace(/\s+/g, ' ');
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/** A user's mistake in words: i18n/errors.ts's renderUserError, or (in Code.js) the same loaded with the actions. */
export type RenderError = (error: UserError, language: Language) => string;

/**
 * Runs one custom function as Sheets calls it. A user's mistake becomes an Error whose message
 * (what Sheets shows on #ERROR!) names the function, in the spreadsheet's language.
 */
export function callCustomFunction(name: string, args: unknown[], baseEnv: FunctionEnv): unknown {
  return callRendering(name, args, baseEnv, renderUserError);
}

/**
 * callCustomFunction with the messages rendered by `render`: Code.js passes one that loads them
 * with the actions, so that every execution does not compile both languages' messages for the
 * rare call that fails.
 */
export function callRendering(name: string, args: unknown[], baseEnv: FunctionEnv, render: RenderError): unknown {
  const spec = CUSTOM_FUNCTIONS.find((f) => f.name === name);
  if (!spec) throw new Error(`Unknown custom function ${name}`);
  const env = memoEnv(baseEnv);
  try {
    return spec.run(args, env);
  } catch (error) {
    if (isUserError(error)) throw new Error(oneLine(`${name}: ${render(error, languageOf(env.locale()))}`));
    throw error;
  }
}
