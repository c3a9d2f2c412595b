import { createEtagMismatchError, createEtagRequiredError, type EtagMismatch } from './etag-errors';
import type { JsonObject } from './json';
import type { Reply, RequestContext } from './request-context';

/** The 304 answer when `If-None-Match` names the current ETag (compared as sent, unquoted). */
export function answerNotModified(ctx: RequestContext, eTag: string): Reply | undefined {
  const sent = ctx.headers['if-none-match'];
  if (sent === undefined) return undefined;
  const matches = sent.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === eTag;
  });
  return matches ? { status: 304, headers: ['ETag', eTag] } : undefined;
}

/**
 * Enforces the appliance's update rule: the current ETag must come in `If-Match` or in the
 * body's `eTag` (`*` forces); a stale one is 412, none at all is 403. Compared byte for
 * byte: OneView ETags are unquoted, so a client that adds quotes gets a 412.
 */
export function requireCurrentEtag(
  ctx: RequestContext,
  current: string,
  body: JsonObject | undefined,
  mismatch: EtagMismatch,
): void {
  const header = ctx.headers['if-match'];
  const bodyTag = body?.['eTag'];
  const sent =
    header !== undefined ? header.trim() : typeof bodyTag === 'string' ? bodyTag : undefined;
  if (sent === undefined) throw createEtagRequiredError();
  if (sent !== '*' && sent !== current) throw createEtagMismatchError(mismatch, sent);
}

/** Checks `If-Match` when one was sent (DELETE); no ETag at all is accepted. */
export function checkOptionalEtag(
  ctx: RequestContext,
  current: string,
  mismatch: EtagMismatch,
): void {
  const header = ctx.headers['if-match'];
  if (header !== undefined) requireCurrentEtag(ctx, current, undefined, mismatch);
}
