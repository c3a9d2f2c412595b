import type { ErrorMessage } from './error-message';

const MAX_NESTING = 8;

/**
 * Completes an ErrorMessage of any OneView release field by field: every field present and
 * of its type, `nestedError` read as `nestedErrors`, nulls made empty. Returns null when the
 * value is not an object at all.
 */
export function normalizeErrorMessage(value: unknown, depth = 0): ErrorMessage | null {
  if (!isRecord(value)) return null;

  const nested = value.nestedErrors ?? value.nestedError;
  const nestedList = Array.isArray(nested) ? nested : nested == null ? [] : [nested];

  return {
    errorCode: asText(value.errorCode),
    message: asText(value.message),
    details: asText(value.details),
    recommendedActions: asTextList(value.recommendedActions),
    nestedErrors:
      depth >= MAX_NESTING
        ? []
        : nestedList
            .map((item) => normalizeErrorMessage(item, depth + 1))
            .filter((item): item is ErrorMessage => item !== null),
    errorSource: value.errorSource == null ? null : asText(value.errorSource),
    data: isRecord(value.data) ? value.data : {},
  };
}

/** Tells whether a parsed body looks like an ErrorMessage rather than some other JSON. */
export function looksLikeErrorMessage(value: unknown): boolean {
  return isRecord(value) && ('errorCode' in value || 'message' in value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function asTextList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asText).filter((text) => text !== '');
  const single = asText(value);
  return single === '' ? [] : [single];
}
