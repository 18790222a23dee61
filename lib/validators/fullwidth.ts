/**
 * Shared text clean-up for identifier inputs typed or pasted by users
 * (Excel, WeChat, IME in full-width mode).
 */

/** Convert full-width ASCII (U+FF01..U+FF5E) to half-width and U+3000 to a normal space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Remove all whitespace. `\s` already covers U+3000 and U+FEFF; zero-width
 * characters (often pasted from web pages) are added explicitly.
 */
export function removeWhitespace(s: string): string {
  return s.replace(/[\s\u200B-\u200D\u2060]/g, '');
}
