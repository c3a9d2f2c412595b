/** The X-API-Version values an appliance accepts, from its `/rest/version`. */
export interface VersionRange {
  minimumVersion: number;
  currentVersion: number;
}

/** The version the gateway will send, or why there is none. */
export type VersionDecision =
  | { compatible: true; negotiated: number; source: 'negotiated' | 'pinned' }
  | { compatible: false; reason: string };

/** What a client's own X-API-Version header means for one appliance. */
export type ClientVersionCheck =
  | { ok: true; version: number | null }
  | { ok: false; problem: 'not-a-number'; given: string }
  | { ok: false; problem: 'out-of-range'; requested: number };

/**
 * Other HPE products that answer `/rest/version` in OneView's shape. OneView Global
 * Dashboard reports a minimum of 2, which no OneView release has used (they report 1, 3
 * or 120), and it does not serve OneView's resources.
 */
const OTHER_PRODUCTS = [{ name: 'OneView Global Dashboard', minimumVersion: 2 }];

/**
 * Reads a `/rest/version` body. Anything but two positive integers with minimum at or
 * below current is not a OneView answer (another product, or a proxy's page): null.
 */
export function parseVersionRange(body: unknown): VersionRange | null {
  if (typeof body !== 'object' || body === null) return null;
  const { minimumVersion, currentVersion } = body as Record<string, unknown>;
  if (!isPositiveInteger(minimumVersion) || !isPositiveInteger(currentVersion)) return null;
  if (minimumVersion > currentVersion) return null;
  return { minimumVersion, currentVersion };
}

/** The other product a version range belongs to, or null for a OneView appliance. */
export function otherProductOf(range: VersionRange): string | null {
  const match = OTHER_PRODUCTS.find((product) => product.minimumVersion === range.minimumVersion);
  return match?.name ?? null;
}

/**
 * The version to send: the pin when one is configured, else the appliance's current
 * version capped at the gateway's maximum. Incompatible when that falls outside the range.
 */
export function decideVersion(
  range: VersionRange,
  settings: { max: number; pin: number | null },
): VersionDecision {
  const other = otherProductOf(range);
  if (other !== null) {
    return {
      compatible: false,
      reason: `the range ${range.minimumVersion}..${range.currentVersion} is ${other}'s, not OneView's`,
    };
  }

  const negotiated = settings.pin ?? Math.min(range.currentVersion, settings.max);
  const source = settings.pin === null ? 'negotiated' : 'pinned';

  if (negotiated < range.minimumVersion || negotiated > range.currentVersion) {
    const what = source === 'pinned' ? `pinned version ${negotiated}` : `maximum ${settings.max}`;
    return {
      compatible: false,
      reason:
        `the appliance accepts ${range.minimumVersion}..${range.currentVersion}, ` +
        `the gateway's ${what} is outside it`,
    };
  }
  return { compatible: true, negotiated, source };
}

/** Checks a client's X-API-Version against the appliance's range, without calling it. */
export function checkClientVersion(
  header: string | undefined,
  range: VersionRange,
): ClientVersionCheck {
  if (header === undefined || header.trim() === '') return { ok: true, version: null };
  const text = header.trim();
  if (!/^\d{1,9}$/.test(text)) return { ok: false, problem: 'not-a-number', given: text };

  const requested = Number(text);
  if (requested < range.minimumVersion || requested > range.currentVersion) {
    return { ok: false, problem: 'out-of-range', requested };
  }
  return { ok: true, version: requested };
}

/**
 * Tells whether an appliance's 412 says the X-API-Version was refused (the appliance was
 * upgraded or restored since it was negotiated) rather than an ETag mismatch.
 */
export function isInvalidVersionAnswer(
  status: number,
  error: { errorCode: string; message: string; details: string },
): boolean {
  if (status !== 412) return false;
  if (error.errorCode === 'INVALID_API_VERSION') return true;
  return /x-api-version|api version/i.test(`${error.message} ${error.details}`);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
