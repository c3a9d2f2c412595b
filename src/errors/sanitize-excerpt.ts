const EXCERPT_CHARS = 512;

/**
 * The first 512 characters of a body that is not the JSON it should be, with markup and
 * control characters removed, so that an HTML page from a front proxy reads as text.
 */
export function sanitizeExcerpt(text: string): string {
  // An unclosed script or style runs to the end of the text, as a browser would read it.
  const withoutScripts = text.replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ');
  const withoutTags = withoutScripts.replace(/<\/?[A-Za-z!][^>]*>?/g, ' ');
  // eslint-disable-next-line no-control-regex
  const printable = withoutTags.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return printable.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS);
}
