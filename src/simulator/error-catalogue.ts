import { createError, type SimulatorError } from './errors';

// Error codes marked "inferred" are not published anywhere; they follow OneView's naming.
const CHECK_URI = 'Check the request URI, then resend the request.';

/** 412 for an X-API-Version outside 1..currentVersion; text as appliances print it. */
export function createInvalidVersionError(raw: string, currentVersion: number): SimulatorError {
  return createError(412, {
    errorCode: 'INVALID_API_VERSION',
    message: 'The specified API version is not valid.',
    // NOTE: the two spaces after the first sentence are in the appliance's own text.
    details: `The request contained an invalid X-API-Version header of ${raw}.  Only values 1 through ${currentVersion} are accepted.`,
    recommendedActions: ['Check the value of the X-API-Version header, then resend the request.'],
  });
}

/** 401 for a missing, unknown or expired session: the body appliances send in every case. */
export function createAuthorizationError(): SimulatorError {
  return createError(401, {
    errorCode: 'AUTHORIZATION',
    message: 'Authorization error: User not authorized for this operation.',
    details: 'User not authorized for this operation.',
    recommendedActions: [
      'Please verify your credentials and re-authenticate before attempting the operation again.',
    ],
  });
}

/** 404 for a path no API serves at the requested X-API-Version (inferred text). */
export function createRouteNotFoundError(path: string, version: number): SimulatorError {
  return createError(404, {
    errorCode: 'GENERIC_HTTP_404',
    message: 'The requested resource could not be found.',
    details: `No API at ${path} accepts X-API-Version ${version}.`,
    recommendedActions: [CHECK_URI],
  });
}

/** 404 for a well-formed URI naming a resource that does not exist. */
export function createResourceNotFoundError(
  uri: string,
  errorCode = 'RESOURCE_NOT_FOUND',
): SimulatorError {
  return createError(404, {
    errorCode,
    message: 'Resource not found.',
    details: `The resource ${uri} was not found.`,
    recommendedActions: [CHECK_URI],
  });
}

/** 405 with the `Allow` header an appliance sends (errorCode inferred). */
export function createMethodNotAllowedError(method: string, allow: string[]): SimulatorError {
  return createError(
    405,
    {
      errorCode: 'METHOD_NOT_ALLOWED',
      message: `The ${method} method is not supported for this resource.`,
      details: `Supported methods: ${allow.join(', ')}.`,
      recommendedActions: [CHECK_URI],
    },
    ['Allow', allow.join(', ')],
  );
}

/** 400 for a body that is not the JSON the endpoint needs (errorCode inferred). */
export function createInvalidJsonError(details: string): SimulatorError {
  return createError(400, {
    errorCode: 'INVALID_JSON',
    message: 'The request body is not valid JSON.',
    details,
    recommendedActions: ['Correct the request body, then resend the request.'],
  });
}

/** 415 for a body sent with a Content-Type other than JSON (errorCode inferred). */
export function createUnsupportedMediaTypeError(contentType: string): SimulatorError {
  return createError(415, {
    errorCode: 'UNSUPPORTED_MEDIA_TYPE',
    message: `The Content-Type ${contentType || '(none)'} is not supported.`,
    recommendedActions: ['Send the request body as application/json.'],
  });
}

/** 400 naming the query parameter whose syntax is wrong (errorCode inferred). */
export function createInvalidParameterError(parameter: string, details: string): SimulatorError {
  return createError(400, {
    errorCode: 'INVALID_QUERY_PARAMETER',
    message: `The value of the query parameter "${parameter}" is not valid.`,
    details,
    recommendedActions: [`Correct the ${parameter} parameter, then resend the request.`],
    errorSource: parameter,
  });
}

/** 400 for a body field that fails validation (errorCode chosen by the caller). */
export function createValidationError(
  errorCode: string,
  message: string,
  errorSource: string | null = null,
): SimulatorError {
  return createError(400, {
    errorCode,
    message,
    recommendedActions: ['Correct the request body, then resend the request.'],
    errorSource,
  });
}
