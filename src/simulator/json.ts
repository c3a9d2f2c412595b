/** A JSON value as the simulator stores and renders it. */
export type Json = null | boolean | number | string | Json[] | JsonObject;

/** A JSON object: the shape of every OneView resource body. */
export interface JsonObject {
  [key: string]: Json;
}

/** Tells whether a parsed JSON value is an object (not an array, not null). */
export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Formats epoch milliseconds the way OneView writes timestamps: `2015-09-10T20:12:50.006Z`. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** A field as text: strings as they are, other scalars printed, null/absent/objects empty. */
export function readText(value: Json | undefined): string {
  if (value === null || value === undefined || typeof value === 'object') return '';
  return String(value);
}

/** A value as an error message quotes it: strings bare, anything else as JSON. */
export function printValue(value: Json | undefined): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}
