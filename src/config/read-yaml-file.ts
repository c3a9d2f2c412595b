import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describeFileError } from './describe-file-error';

/** A YAML file read as plain data, or the one-line problems that stopped it. */
export type YamlRead = { ok: true; value: unknown } | { ok: false; problems: string[] };

/** Reads and parses a YAML file; problems name the file, and line and column for syntax. */
export function readYamlFile(file: string): YamlRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`${file}: cannot read the file: ${describeFileError(error)}`] };
  }

  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => {
        const at = error.linePos?.[0];
        const where = at ? `:${at.line}:${at.col}` : '';
        const message = (error.message.split('\n')[0] ?? '').replace(
          / at line \d+, column \d+:?$/,
          '',
        );
        return `${file}${where}: invalid YAML: ${message}`;
      }),
    };
  }
  // A configuration is a tree: an alias that contains itself, or aliases that multiply
  // into a huge document, are refused rather than followed.
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 }) as unknown;
    JSON.stringify(value);
  } catch (error) {
    const reason =
      error instanceof TypeError
        ? 'an alias refers to a node that contains it'
        : 'too many aliases';
    return { ok: false, problems: [`${file}: invalid YAML: ${reason}`] };
  }
  return { ok: true, value };
}
