/**
 * A loaded text file: turns offsets into line and column, and builds
 * diagnostics with a caret excerpt of the line they point at.
 */

import { LineCounter } from 'yaml';
import type { Diagnostic, Severity, SourceLocation } from '../diagnostics.js';
import { caretExcerpt, diagnostic } from '../diagnostics.js';

/** The text of one file, with offset and excerpt lookups. */
export class SourceText {
  /** The file name used in locations and diagnostics. */
  readonly file: string;
  /** The line starts, fed to the `yaml` parser while it reads the text. */
  readonly lineCounter = new LineCounter();
  private readonly lines: readonly string[];

  /** Wraps `text`, read from `file`. */
  constructor(text: string, file: string) {
    this.file = file;
    this.lines = text.split(/\r?\n|\r/);
  }

  /** The location of a character offset; offsets past the end clamp to it. */
  locationAt(offset: number): SourceLocation {
    const { line, col } = this.lineCounter.linePos(Math.max(0, offset));
    return { file: this.file, line: Math.max(1, line), column: Math.max(1, col) };
  }

  /** The source line at `location` with a caret under its column. */
  excerpt(location: SourceLocation): string | undefined {
    const line = this.lines[location.line - 1];
    return line === undefined ? undefined : caretExcerpt(line, location.column);
  }

  /** A diagnostic at `location`, with an excerpt of this text. */
  diagnostic(
    location: SourceLocation,
    code: string,
    severity: Severity,
    message: string,
  ): Diagnostic {
    return diagnostic(location, code, severity, message, this.excerpt(location));
  }
}
