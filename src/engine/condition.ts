/**
 * Sigma conditions: parsing a condition string into an expression tree.
 *
 * Grammar, from least to most binding (specification v2.1):
 * `or` < `and` < `not` < `x of pattern` < parentheses. Quantifiers are `1`,
 * `any` (same as `1`) and `all`; a pattern is an identifier name with `*`
 * anywhere, or `them`. Operators are lowercase words, as in pySigma.
 *
 * Parentheses and `not` nest at most `MAX_NESTING` levels deep, so that a
 * hostile condition cannot exhaust the stack of the parser or evaluator.
 *
 * Identifiers whose name starts with `_` are left out of `them` and of every
 * pattern that does not itself start with `_`. A pattern that names nothing
 * gives a warning: `1 of` nothing is false, `all of` nothing is true.
 */

import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { ConditionSource } from '../rule/model.js';

/** A parsed condition. */
export type ConditionNode =
  | { readonly type: 'and' | 'or'; readonly operands: readonly ConditionNode[] }
  | { readonly type: 'not'; readonly operand: ConditionNode }
  | { readonly type: 'identifier'; readonly name: string }
  | {
      readonly type: 'of';
      readonly quantifier: 'one' | 'all';
      readonly pattern: string;
      readonly names: readonly string[];
    };

/** The result of parsing one condition. */
export type ConditionParse =
  | {
      readonly ok: true;
      readonly node: ConditionNode;
      readonly diagnostics: Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

interface Token {
  readonly text: string;
  readonly offset: number;
}

const TOKEN = /\s*([()]|[^\s()]+)/y;
const IDENTIFIER = /^[A-Za-z0-9_-]+$/;
const PATTERN = /^[A-Za-z0-9_*]+$/;
const PIPE_MESSAGE =
  "the Sigma v1 aggregation syntax '| ...' is not supported; write a correlation rule";
const KEYWORDS = new Set(['and', 'or', 'not', 'of', '1', 'any', 'all', 'them']);

/** Deepest nesting of parentheses and `not` a condition may have. */
export const MAX_NESTING = 64;

/** Parses a condition against the rule's search identifier names. */
export function parseCondition(
  source: ConditionSource,
  identifiers: readonly string[],
): ConditionParse {
  const tokens = tokenize(source.text);
  const parser = new Parser(tokens, source, identifiers);
  try {
    const node = parser.parseExpression();
    parser.expectEnd();
    return { ok: true, node, diagnostics: parser.diagnostics };
  } catch (error) {
    if (!(error instanceof ConditionError)) throw error;
    return { ok: false, diagnostics: [...parser.diagnostics, error.diagnostic] };
  }
}

/** The search identifier names a pattern selects, `_` rule included. */
export function resolvePattern(
  pattern: string,
  identifiers: readonly string[],
): string[] {
  const includeHidden = pattern.startsWith('_');
  if (pattern === 'them') return identifiers.filter((name) => !name.startsWith('_'));
  const escaped = pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replaceAll('*', '.*');
  const regex = new RegExp(`^${escaped}$`);
  return identifiers.filter(
    (name) => regex.test(name) && (includeHidden || !name.startsWith('_')),
  );
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const value = match[1] as string;
    tokens.push({ text: value, offset: match.index + match[0].length - value.length });
  }
  return tokens;
}

class ConditionError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

class Parser {
  readonly diagnostics: Diagnostic[] = [];
  private position = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly source: ConditionSource,
    private readonly identifiers: readonly string[],
  ) {}

  parseExpression(): ConditionNode {
    return this.parseBinary('or', () => this.parseBinary('and', () => this.parseNot()));
  }

  expectEnd(): void {
    const token = this.tokens[this.position];
    if (token?.text.startsWith('|')) this.fail(token, PIPE_MESSAGE);
    if (token)
      this.fail(token, `unexpected '${token.text}' after the end of the condition`);
  }

  private parseBinary(
    operator: 'and' | 'or',
    operand: () => ConditionNode,
  ): ConditionNode {
    const operands = [operand()];
    while (this.peek()?.text === operator) {
      this.position++;
      operands.push(operand());
    }
    return operands.length === 1
      ? (operands[0] as ConditionNode)
      : { type: operator, operands };
  }

  private parseNot(): ConditionNode {
    const token = this.peek();
    if (token?.text !== 'not') return this.parsePrimary();
    this.position++;
    return { type: 'not', operand: this.nested(token, () => this.parseNot()) };
  }

  /** Parses one level deeper, failing at `token` past `MAX_NESTING`. */
  private nested(token: Token, parse: () => ConditionNode): ConditionNode {
    if (this.depth === MAX_NESTING) {
      this.fail(token, `the condition nests deeper than ${MAX_NESTING} levels`);
    }
    this.depth++;
    const node = parse();
    this.depth--;
    return node;
  }

  private parsePrimary(): ConditionNode {
    const token = this.next('an identifier, a quantifier or (');
    if (token.text === '(') {
      const inner = this.nested(token, () => this.parseExpression());
      const close = this.next(')');
      if (close.text !== ')') this.fail(close, `expected ')' but found '${close.text}'`);
      return inner;
    }
    if (token.text === '1' || token.text === 'any' || token.text === 'all') {
      return this.parseOf(token);
    }
    return this.parseIdentifier(token);
  }

  private parseOf(quantifier: Token): ConditionNode {
    const of = this.next('of');
    if (of.text !== 'of') this.fail(of, `expected 'of' after '${quantifier.text}'`);
    const pattern = this.next('a pattern or them');
    if (pattern.text !== 'them' && !PATTERN.test(pattern.text)) {
      this.fail(pattern, `'${pattern.text}' is not a search identifier pattern`);
    }
    const names = resolvePattern(pattern.text, this.identifiers);
    if (names.length === 0) {
      this.warn(
        pattern,
        `'${quantifier.text} of ${pattern.text}' names no search identifier`,
      );
    }
    const kind = quantifier.text === 'all' ? 'all' : 'one';
    return { type: 'of', quantifier: kind, pattern: pattern.text, names };
  }

  private parseIdentifier(token: Token): ConditionNode {
    if (KEYWORDS.has(token.text) || !IDENTIFIER.test(token.text)) {
      this.fail(
        token,
        `unexpected '${token.text}' where a search identifier was expected`,
      );
    }
    if (!this.identifiers.includes(token.text)) {
      const hint = /^(AND|OR|NOT)$/i.test(token.text) ? ' (operators are lowercase)' : '';
      this.fail(token, `unknown search identifier '${token.text}'${hint}`);
    }
    return { type: 'identifier', name: token.text };
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(expected: string): Token {
    const token = this.tokens[this.position++];
    if (token) return token;
    const end = { text: '', offset: this.source.text.length };
    return this.fail(end, `the condition ends where ${expected} was expected`);
  }

  private at(token: Token): SourceLocation {
    const { file, line, column } = this.source.location;
    return { file, line, column: column + token.offset };
  }

  private fail(token: Token, message: string): never {
    const excerpt = excerptAt(this.source.text, token.offset);
    throw new ConditionError(
      diagnostic(this.at(token), 'SH401', 'error', message, excerpt),
    );
  }

  private warn(token: Token, message: string): void {
    const excerpt = excerptAt(this.source.text, token.offset);
    this.diagnostics.push(
      diagnostic(this.at(token), 'SH402', 'warning', message, excerpt),
    );
  }
}

/** Characters of a condition shown on each side of the token in an excerpt. */
const EXCERPT_SIDE = 60;

/**
 * The condition with a caret under `offset`; a long condition is cut to
 * `EXCERPT_SIDE` characters on each side of it, marked with `...`.
 */
function excerptAt(text: string, offset: number): string {
  const start = Math.max(0, offset - EXCERPT_SIDE);
  const end = Math.min(text.length, offset + EXCERPT_SIDE);
  const head = start > 0 ? '...' : '';
  const tail = end < text.length ? '...' : '';
  const caret = ' '.repeat(head.length + offset - start);
  return `${head}${text.slice(start, end)}${tail}\n${caret}^`;
}
