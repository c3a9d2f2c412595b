import { sanitizeExcerpt } from '../../../src/errors/sanitize-excerpt';

describe('sanitizing an excerpt of a body', () => {
  it.each<[string, string, string]>([
    ['an empty body', '', ''],
    ['plain text', 'Service Unavailable', 'Service Unavailable'],
    [
      'an HTML error page',
      '<html><head><title>502 Bad Gateway</title></head>' +
        '<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
      '502 Bad Gateway 502 Bad Gateway nginx',
    ],
    [
      'a page with a script and a style',
      '<p>Down</p><script type="text/javascript">alert("x")</script>' +
        '<STYLE>body { color: red }</STYLE ><p>for maintenance</p>',
      'Down for maintenance',
    ],
    ['a tag cut at the end', 'Error <a href="/x', 'Error'],
    ['control characters and tabs', 'line1\r\nline2\u0000\u0007\tend\u007f', 'line1 line2 end'],
    ['runs of white space', '  a \n\n   b  ', 'a b'],
    ['JSON cut short', '{"errorCode":"X","mess', '{"errorCode":"X","mess'],
  ])('reads %s as text', (_what, body, expected) => {
    expect(sanitizeExcerpt(body)).toBe(expected);
  });

  it('keeps the first 512 characters of the text', () => {
    const body = `${'a'.repeat(500)}${'b'.repeat(100)}`;

    expect(sanitizeExcerpt(body)).toBe(`${'a'.repeat(500)}${'b'.repeat(12)}`);
  });

  it('counts the 512 characters after the markup is gone', () => {
    const body = `<html><body>${'<br>'.repeat(200)}${'x'.repeat(600)}</body></html>`;

    expect(sanitizeExcerpt(body)).toBe('x'.repeat(512));
  });

  it('keeps non-ASCII text', () => {
    expect(sanitizeExcerpt('<p>Dienst nicht verfügbar – 503</p>')).toBe(
      'Dienst nicht verfügbar – 503',
    );
  });
});

describe('text that only looks like markup', () => {
  it.each([
    ['<script>var token="abc"; x=1', ''],
    ['<style>body{color:red}', ''],
    ['count < 5 and > 3 items', 'count < 5 and > 3 items'],
    ['a<b>bold</b>c', 'a bold c'],
  ])('reads %p as %p', (text, excerpt) => {
    expect(sanitizeExcerpt(text)).toBe(excerpt);
  });
});
