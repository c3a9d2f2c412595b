import { looksLikeErrorMessage, normalizeErrorMessage } from './normalize-error-message';
import { sanitizeExcerpt } from './sanitize-excerpt';
import type { ErrorEnvelope } from './error-message';

/** What is known of an error answer from an appliance. */
export interface ApplianceErrorAnswer {
  status: number;
  body: string;
  /** True when the body was cut at the read limit or the connection closed mid-body. */
  incomplete: boolean;
  applianceId: string;
  requestId: string | null;
}

/**
 * Turns an appliance's error answer into the gateway's envelope: an ErrorMessage keeps its
 * fields and status; anything else (HTML, empty, truncated JSON) becomes
 * APPLIANCE_BAD_RESPONSE with a sanitized excerpt, still with the appliance's status.
 */
export function normalizeApplianceError(answer: ApplianceErrorAnswer): ErrorEnvelope {
  const parsed = answer.incomplete ? undefined : parseJson(answer.body);

  if (looksLikeErrorMessage(parsed)) {
    const message = normalizeErrorMessage(parsed);
    if (message !== null) {
      return {
        ...message,
        httpStatus: answer.status,
        source: 'appliance',
        applianceId: answer.applianceId,
        requestId: answer.requestId,
      };
    }
  }

  return badResponse(answer);
}

function badResponse(answer: ApplianceErrorAnswer): ErrorEnvelope {
  const what = answer.body.length === 0 ? 'an empty body' : 'a body that is not an ErrorMessage';
  return {
    errorCode: 'APPLIANCE_BAD_RESPONSE',
    message: `Appliance ${answer.applianceId} answered ${answer.status} with ${what}.`,
    details: sanitizeExcerpt(answer.body),
    recommendedActions: [
      'Check what stands between the gateway and the appliance (a proxy, a load balancer).',
    ],
    nestedErrors: [],
    errorSource: null,
    data: {},
    httpStatus: answer.status,
    source: 'gateway',
    applianceId: answer.applianceId,
    requestId: answer.requestId,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
