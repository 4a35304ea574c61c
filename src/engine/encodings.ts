/**
 * Encoding modifiers: `base64`, `base64offset`, the UTF-16 family and
 * `windash`. Each takes plain text (or bytes from a previous encoder) and
 * returns one or more plain alternatives.
 */

/** The characters `windash` puts in place of a word-start `-` or `/`. */
export const WINDASH_CHARACTERS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;

/** Most alternatives one `windash` value may expand to (5 dashes: 3,125). */
export const WINDASH_LIMIT = 5 ** 5;

/** Encodes text as UTF-8 bytes. */
export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** UTF-16 little endian bytes (`utf16le`, `wide`). */
export function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

/** UTF-16 big endian bytes (`utf16be`). */
export function utf16be(text: string): Uint8Array {
  const bytes = utf16le(text);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const low = bytes[i] as number;
    bytes[i] = bytes[i + 1] as number;
    bytes[i + 1] = low;
  }
  return bytes;
}

/** UTF-16 with the little endian byte order mark `FF FE` (`utf16`). */
export function utf16WithBom(text: string): Uint8Array {
  return new Uint8Array([0xff, 0xfe, ...utf16le(text)]);
}

/** Standard base64 with `=` padding. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

const OFFSET_START = [0, 2, 3] as const;
const OFFSET_END = [0, 3, 2] as const;

/**
 * The three `base64offset` encodings of `bytes`: the value encoded as if it
 * started at byte offset 0, 1 and 2 of a longer base64 text, with the edge
 * characters that depend on the unknown neighbours trimmed.
 */
export function base64Offsets(bytes: Uint8Array): string[] {
  const variants: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.fill(0x20, 0, shift);
    padded.set(bytes, shift);
    const encoded = base64(padded);
    const end = OFFSET_END[(bytes.length + shift) % 3] as number;
    variants.push(encoded.slice(OFFSET_START[shift], encoded.length - end));
  }
  return variants;
}

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Positions of the `-` and `/` that `windash` replaces: those at the start
 * of a word, that is not after a word character (or at the start) and
 * before a word character. Word characters are Unicode letters, digits
 * and `_`, as in Python's `\w`.
 */
export function windashPositions(text: string): number[] {
  const positions: number[] = [];
  const chars = Array.from(text);
  let offset = 0;
  chars.forEach((char, index) => {
    const before = chars[index - 1];
    const after = chars[index + 1];
    const startsWord = after !== undefined && WORD.test(after);
    const afterWord = before !== undefined && WORD.test(before);
    if ((char === '-' || char === '/') && startsWord && !afterWord)
      positions.push(offset);
    offset += char.length;
  });
  return positions;
}

/** Every combination of dash characters at the given positions of `text`. */
export function windashVariants(text: string, positions: readonly number[]): string[] {
  let variants = [''];
  let last = 0;
  for (const position of positions) {
    const between = text.slice(last, position);
    variants = variants.flatMap((prefix) =>
      WINDASH_CHARACTERS.map((dash) => `${prefix}${between}${dash}`),
    );
    last = position + 1;
  }
  const rest = text.slice(last);
  return variants.map((prefix) => prefix + rest);
}
