const MAX_APPLIANCE_CODES = 200;
const seen = new Set<string>();

/**
 * An errorCode as a metric label. Gateway codes are a fixed set; appliance codes are
 * chosen by appliances, so at most 200 distinct ones are kept and the rest count as OTHER.
 */
export function errorCodeLabel(code: string, source: 'gateway' | 'appliance'): string {
  if (source === 'gateway') return code;
  if (!/^[A-Za-z0-9_.]{1,64}$/.test(code)) return 'OTHER';
  if (seen.has(code)) return code;
  if (seen.size >= MAX_APPLIANCE_CODES) return 'OTHER';
  seen.add(code);
  return code;
}
