/** A configuration that cannot be used; `problems` lists every one found, one line each. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} configuration problems`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
