// The one error type for what the user did wrong: a message key and its values, rendered at the edge.
import { fill, type Language } from './i18n/language';
import { errorMessages, type ErrorKey } from './i18n/errors';

export class UserError extends Error {
  constructor(
    readonly key: ErrorKey,
    readonly values: Record<string, unknown> = {},
  ) {
    super(fill(errorMessages.en[key], values));
    this.name = 'UserError';
  }

  render(language: Language): string {
    return fill(errorMessages[language][this.key], this.values);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
