/**
 * The syntax tree of a Sigma regex after parsing. Flags are already applied:
 * an atom's set holds every code unit it matches (case closure and class
 * negation included), so later stages never look at flags again, except
 * `multiline` for the `^` and `$` assertions.
 */

import type { CharSet } from './char-set.js';

/** The zero-width assertions of the supported subset. */
export type AssertionKind =
  'line-start' | 'line-end' | 'word-boundary' | 'not-word-boundary';

/** One node of the tree; `offset` is the code-unit index in the pattern. */
export type RegexNode =
  | { readonly type: 'atom'; readonly set: CharSet; readonly offset: number }
  | { readonly type: 'assertion'; readonly kind: AssertionKind; readonly offset: number }
  | {
      readonly type: 'sequence';
      readonly items: readonly RegexNode[];
      readonly offset: number;
    }
  | {
      readonly type: 'alternation';
      readonly branches: readonly RegexNode[];
      readonly offset: number;
    }
  | {
      readonly type: 'repetition';
      readonly body: RegexNode;
      readonly min: number;
      /** `Infinity` when unbounded. */
      readonly max: number;
      readonly lazy: boolean;
      readonly offset: number;
    };
