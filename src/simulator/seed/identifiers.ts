import type { Random } from '../prng';

/** Formats 32 hex digits as a UUID (8-4-4-4-12). */
export function formatUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A random-looking, seed-determined lower-case UUID. */
export function createUuid(random: Random): string {
  return formatUuid(random.hex(32).toLowerCase());
}

/**
 * A server-hardware id as appliances build them: the hex of 16 ASCII characters derived
 * from the serial number, shaped as a UUID (`30373237-3132-4D32-...`).
 */
export function createSerialId(text: string): string {
  const ascii = text.padEnd(16, '0').slice(0, 16);
  return formatUuid(Buffer.from(ascii, 'latin1').toString('hex').toUpperCase());
}

/** Pads a number with zeros to `width` digits. */
export function padNumber(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
