/**
 * Bad input from a user: a framework file, a findings file, a CSV. The message names the source, where in it
 * (a JSON path like `$.keyQuestions["2.1"][0].yes` or `line 4, column "2.1.1"`) and what is wrong.
 */
export class InputError extends Error {
  constructor(
    readonly source: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(where ? `${source}: ${where}: ${problem}` : `${source}: ${problem}`);
    this.name = 'InputError';
  }
}

/** `$.domains[1].standards[0].id`, with keys that are not identifiers quoted: `$.keyQuestions["2.1"]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${text}.${name}` : `${text}[${JSON.stringify(name)}]`;
  }, '$');
}

/** JSON.parse with the line and column of a syntax error in the message. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (!position) throw new InputError(source, '', `not valid JSON: ${message}`);
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const problem = message.replace(/ in JSON at position \d+.*$/, '').replace(/^.*SyntaxError: /, '');
    throw new InputError(source, `line ${line}, column ${column}`, `not valid JSON: ${problem}`);
  }
}
