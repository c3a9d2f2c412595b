const EXCERPT_CHARS = 512;

/**
 * The first 512 characters of a body that is not the JSON it should be, with markup and
 * control characters removed, so that an HTML page from a front proxy reads as text.
 */
export function sanitizeExcerpt(text: string): string {
  const withoutScripts = text.replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, ' ');
  const withoutTags = withoutScripts.replace(/<[^>]*>?/g, ' ');
  // eslint-disable-next-line no-control-regex
  const printable = withoutTags.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return printable.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
}
