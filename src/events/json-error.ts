/**
 * Finding where a JSON text goes wrong. `JSON.parse` only sometimes names a
 * position in its message, so when it fails the reader runs this small
 * syntax checker over the same text to get an exact offset and a message.
 * It runs on the failure path only; speed is not a concern here.
 */

/** The first syntax error of a JSON text: offset into the text and why. */
export interface JsonSyntaxError {
  /** Offset in UTF-16 code units from the start of the text. */
  readonly offset: number;
  readonly message: string;
}

/** Nesting deeper than this is reported as an error instead of recursing. */
const MAX_DEPTH = 1000;

const LITERALS = ['true', 'false', 'null'] as const;

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Returns the first syntax error in `text` read as one JSON value, or
 * `undefined` when the text is valid JSON.
 */
export function locateJsonError(text: string): JsonSyntaxError | undefined {
  const checker = new Checker(text);
  try {
    checker.document();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxFailure) {
      return { offset: error.offset, message: error.message };
    }
    throw error;
  }
}

/** Converts an offset in `text` to a 1-based line and column. */
export function lineColumnAt(
  text: string,
  offset: number,
): { readonly line: number; readonly column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let at = text.indexOf('\n');
    at !== -1 && at < offset;
    at = text.indexOf('\n', at + 1)
  ) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

class Checker {
  private at = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value(0);
    this.skipSpace();
    if (this.at < this.text.length) this.fail('unexpected text after the JSON value');
  }

  private value(depth: number): void {
    this.skipSpace();
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const char = this.text[this.at];
    if (char === '{') this.object(depth);
    else if (char === '[') this.array(depth);
    else if (char === '"') this.string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9'))
      this.number();
    else this.literal();
  }

  private object(depth: number): void {
    this.at += 1;
    this.skipSpace();
    if (this.text[this.at] === '}') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] !== '"') this.fail('expected a double-quoted property name');
      this.string();
      this.skipSpace();
      if (this.text[this.at] !== ':') this.fail("expected ':' after the property name");
      this.at += 1;
      this.value(depth + 1);
      if (this.closes('}', "expected ',' or '}' after the property value")) return;
    }
  }

  private array(depth: number): void {
    this.at += 1;
    this.skipSpace();
    if (this.text[this.at] === ']') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.value(depth + 1);
      if (this.closes(']', "expected ',' or ']' after the array element")) return;
    }
  }

  /** After a member: true at the closing bracket, false after a comma. */
  private closes(close: string, message: string): boolean {
    this.skipSpace();
    const char = this.text[this.at];
    this.at += 1;
    if (char === close) return true;
    if (char === ',') return false;
    this.at -= 1;
    return this.fail(message);
  }

  private string(): void {
    this.at += 1;
    for (;;) {
      const code = this.text.charCodeAt(this.at);
      if (Number.isNaN(code)) this.fail('unterminated string');
      if (code === 0x22) break;
      if (code < 0x20) this.fail('control character (such as a raw newline) in a string');
      if (code === 0x5c) this.escape();
      else this.at += 1;
    }
    this.at += 1;
  }

  private escape(): void {
    const next = this.text[this.at + 1];
    if (next === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) {
        this.fail('bad \\u escape in a string');
      }
      this.at += 6;
      return;
    }
    if (next === undefined || !'"\\/bfnrt'.includes(next))
      this.fail('bad escape in a string');
    this.at += 2;
  }

  private number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(
      this.text.slice(this.at, this.at + 400),
    );
    if (match === null) this.fail('malformed number');
    this.at += match[0].length;
  }

  private literal(): void {
    for (const word of LITERALS) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return;
      }
    }
    if (this.at >= this.text.length) this.fail('unexpected end of input');
    this.fail('unexpected character');
  }

  private skipSpace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.at);
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return;
      this.at += 1;
    }
  }

  private fail(message: string): never {
    throw new SyntaxFailure(this.at, message);
  }
}
