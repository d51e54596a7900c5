// The typed registry entry of a custom function: the build generates its public stub and JSDoc from it.
import type { FunctionEnv } from './env';

export interface ParamSpec {
  name: string;
  /** One line of help, shown by Sheets' autocomplete. */
  help: string;
  /** The JSDoc type shown in the help card. */
  type: string;
  optional?: boolean;
}

export interface CustomFunctionSpec {
  name: string;
  summary: string;
  params: ParamSpec[];
  returns: string;
  /** A real example for docs/functions.md: a formula and what it gives. */
  example: { formula: string; gives: string };
  run(args: unknown[], env: FunctionEnv): unknown;
}
