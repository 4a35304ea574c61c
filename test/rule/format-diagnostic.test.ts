/**
 * `formatDiagnostic`: location, severity, code and message on one line, the
 * excerpt below, and no raw control character reaching a terminal.
 */

import { describe, expect, it } from 'vitest';
import { caretExcerpt, diagnostic, formatDiagnostic } from '../../src/diagnostics.js';

const AT = { file: 'rule.yml', line: 2, column: 3 };

describe('formatDiagnostic', () => {
  it('prints the location, the code and the excerpt', () => {
    const d = diagnostic(AT, 'SH101', 'error', 'bad', caretExcerpt('ab: c', 3));
    expect(formatDiagnostic(d)).toBe('rule.yml:2:3 error SH101 bad\nab: c\n  ^');
  });

  it('shows control characters as control pictures, keeping the caret in place', () => {
    const line = 'a\u0000\u001b[31m\u007fb\tc';
    const d = diagnostic(AT, 'SH101', 'error', 'at \u0007', caretExcerpt(line, 7));
    expect(formatDiagnostic(d)).toBe(
      'rule.yml:2:3 error SH101 at \u2407\na\u2400\u241b[31m\u2421b\tc\n      ^',
    );
  });
});
