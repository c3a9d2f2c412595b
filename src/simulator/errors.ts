import type { JsonObject } from './json';

/**
 * OneView's ErrorMessage: the body of every 4xx/5xx and the element of a task's taskErrors.
 * A type alias (not an interface) so that it is assignable to JsonObject.
 */
export type ErrorMessage = {
  errorCode: string;
  message: string;
  details: string;
  recommendedActions: string[];
  nestedErrors: ErrorMessage[];
  errorSource: string | null;
  data: JsonObject;
};

/** The parts of an ErrorMessage a caller chooses; the rest default as appliances fill them. */
export interface ErrorParts {
  errorCode: string;
  message: string;
  details?: string;
  recommendedActions?: string[];
  errorSource?: string | null;
}

/** Builds an ErrorMessage with all seven fields present. */
export function createErrorMessage(parts: ErrorParts): ErrorMessage {
  return {
    errorCode: parts.errorCode,
    message: parts.message,
    details: parts.details ?? '',
    recommendedActions: parts.recommendedActions ?? [],
    nestedErrors: [],
    errorSource: parts.errorSource ?? null,
    data: {},
  };
}

/** An appliance error answer, thrown by handlers and rendered by the request pipeline. */
export class SimulatorError extends Error {
  /** The JSON body, rendered once. */
  readonly json: string;

  constructor(
    readonly status: number,
    readonly body: ErrorMessage,
    readonly headers: readonly string[] = [],
  ) {
    super(body.message);
    this.json = JSON.stringify(body);
  }
}

/** Creates a throwable appliance error from its status and ErrorMessage parts. */
export function createError(
  status: number,
  parts: ErrorParts,
  headers?: readonly string[],
): SimulatorError {
  return new SimulatorError(status, createErrorMessage(parts), headers);
}
