/** Byte-order mark: Excel needs it to read a UTF-8 CSV with accents correctly. */
export const BOM = '\uFEFF';

/**
 * Neutralises spreadsheet formula injection: a text cell starting with `=`, `+`, `-`, `@`, tab or
 * CR is prefixed with `'` so Excel and LibreOffice show it as text instead of evaluating it.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV line (CRLF-terminated, as Excel writes); text cells neutralised and quoted when needed. */
export function csvLine(cells: ReadonlyArray<string | number | null | undefined>, delimiter = ';'): string {
  return (
    cells
      .map((c) => {
        if (c === null || c === undefined) return '';
        if (typeof c === 'number') return String(c);
        const s = neutralise(c);
        // Quoted too when padded, so that readers which trim unquoted cells keep the spaces.
        return /["\r\n]/.test(s) || s.includes(delimiter) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(delimiter) + '\r\n'
  );
}
