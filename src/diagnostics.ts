/**
 * Diagnostics: problems found while loading, validating or compiling rules,
 * fixtures and events. Every stage collects diagnostics and goes on; only the
 * top-level command decides what a diagnostic means for the exit code.
 */

/** A position in a user's file. Lines and columns count from 1. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** How bad a diagnostic is: an error makes the rule (or input) unusable. */
export type Severity = 'error' | 'warning';

/** One problem, with a stable code that `docs/diagnostics.md` explains. */
export interface Diagnostic extends SourceLocation {
  /** Stable identifier such as `SH101`; see `docs/diagnostics.md`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** The source line with a caret under the column, when the text is known. */
  readonly excerpt?: string;
}

/** Location used when nothing better is known about a file. */
export function fileStart(file: string): SourceLocation {
  return { file, line: 1, column: 1 };
}

/** Builds a diagnostic at a location. */
export function diagnostic(
  at: SourceLocation,
  code: string,
  severity: Severity,
  message: string,
  excerpt?: string,
): Diagnostic {
  const base = {
    file: at.file,
    line: at.line,
    column: at.column,
    code,
    severity,
    message,
  };
  return excerpt === undefined ? base : { ...base, excerpt };
}

/** Renders a source line with a caret under `column`, for excerpts. */
export function caretExcerpt(sourceLine: string, column: number): string {
  const shown = sourceLine.length > 120 ? `${sourceLine.slice(0, 117)}...` : sourceLine;
  const pad = ' '.repeat(Math.max(0, Math.min(column - 1, shown.length)));
  return `${shown}\n${pad}^`;
}

/** C0 control characters but tab and newline, and DEL. */
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * Formats a diagnostic as `file:line:column severity CODE message`, with
 * its excerpt on the lines below. Control characters other than tab and
 * newline (from a binary file, say) are shown as their Unicode control
 * pictures (NUL as U+2400), one character each, so they neither drive the
 * terminal nor move the caret.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
  const text = d.excerpt === undefined ? head : `${head}\n${d.excerpt}`;
  return text.replace(CONTROL, (char) => {
    const unit = char.charCodeAt(0);
    return String.fromCharCode(unit === 0x7f ? 0x2421 : 0x2400 + unit);
  });
}

/**
 * A diagnostic as the `--json` documents of the commands give it: its
 * location, code, severity and message, without the excerpt.
 */
export function diagnosticJson(d: Diagnostic): Omit<Diagnostic, 'excerpt'> {
  const { file, line, column, code, severity, message } = d;
  return { file, line, column, code, severity, message };
}
