/** Compares two stream ids of the form `ms-seq` (Redis's); a bare `ms` counts as `ms-0`. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = splitId(a);
  const [bMs, bSeq] = splitId(b);
  return aMs === bMs ? aSeq - bSeq : aMs - bMs;
}

/** Tells whether a client-given value is a stream id (for Last-Event-ID). */
export function isStreamId(value: string): boolean {
  return /^\d{1,15}(-\d{1,15})?$/.test(value);
}

function splitId(id: string): [number, number] {
  const [ms = '0', seq = '0'] = id.split('-');
  return [Number(ms), Number(seq)];
}
