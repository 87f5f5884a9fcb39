/**
 * Text for jsPDF's standard fonts, which encode text in WinAnsi (Windows-1252): accents (é, è, à, ç), curly
 * quotes, dashes and « » are in it; the narrow no-break space French puts before : ; ! ?, the minus sign,
 * ≤ ≥ and → are not, and would come out as garbage. Pure, so the mapping is unit-tested.
 */

/** Characters WinAnsi lacks, and what stands in for them. */
const STAND_INS: Record<string, string> = {
  '\u202f': '\u00a0', // narrow no-break space: a no-break space
  '\u2009': ' ', // thin space
  '\u2212': '-', // minus sign
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2011': '-', // non-breaking hyphen
  '\u2192': '->', // rightwards arrow: compare mode's "Sept 2012 → June 2014"
};

/** WinAnsi's characters above Latin-1's control range (0x80–0x9F), which Windows-1252 fills. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Whether a character can be written with a standard PDF font. */
function inWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(char);
}

/** `text` with every character outside WinAnsi replaced by a stand-in (or `?` when none is known). */
export function pdfText(text: string): string {
  let out = '';
  for (const char of text) {
    if (inWinAnsi(char)) out += char;
    else out += STAND_INS[char] ?? (char === '\n' ? ' ' : '?');
  }
  return out;
}
