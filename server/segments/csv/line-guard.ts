/** What replaces the rest of an overlong line: no delimiter, quote or line break, so it stays in one cell. */
export const LINE_TOO_LONG = '\u0000line-too-long\u0000';

/**
 * Streams decoded text through, cutting any physical line longer than `maxChars` down to its first
 * `maxChars` characters followed by LINE_TOO_LONG (the rest of the line is dropped, its line break
 * kept). csv-parse's own record cap drops the rest of the chunk it is reading when it trips, which
 * would silently lose the rows after a huge line; with this guard the line is reported as
 * unreadable and the following rows still parse. `\r`, `\n` and `\r\n` all end a line.
 */
export function createLineGuard(maxChars: number): (text: string) => string {
  let length = 0; // characters of the current line seen so far
  let cut = false; // the current line was already cut
  return (text) => {
    let out = '';
    let start = 0;
    const breaks = /[\r\n]/g;
    for (;;) {
      breaks.lastIndex = start;
      const m = breaks.exec(text);
      const end = m ? m.index : text.length;
      if (!cut) {
        const room = maxChars - length;
        if (end - start > room) {
          out += text.slice(start, start + room) + LINE_TOO_LONG;
          cut = true;
        } else {
          out += text.slice(start, end);
          length += end - start;
        }
      }
      if (!m) return out;
      out += m[0];
      length = 0;
      cut = false;
      start = end + 1;
    }
  };
}
