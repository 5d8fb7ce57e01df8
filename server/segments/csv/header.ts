/** The four columns of an import file. */
export type ColumnKey = 'name' | 'siren' | 'emailDomain' | 'website';

/** Column names as the template and the error report write them. */
export const COLUMN_LABELS: Record<ColumnKey, string> = { name: 'Nom', siren: 'SIREN', emailDomain: 'Domaine email', website: 'Website' };
export const TEMPLATE_HEADER = ['Nom', 'SIREN', 'Domaine email', 'Website'];

// Headers compared without case, accents, or separators; English aliases accepted.
const ALIASES: Record<string, ColumnKey> = {
  nom: 'name',
  name: 'name',
  siren: 'siren',
  siret: 'siren',
  'siren/siret': 'siren',
  'siren ou siret': 'siren',
  'domaine email': 'emailDomain',
  'email domain': 'emailDomain',
  website: 'website',
};

/** `Domaine e-mail` → `domaine email`, `SIREN / SIRET` → `siren/siret`, `Nom` → `nom`. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_\-]+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\be mail\b/g, 'email')
    .trim();
}

export type ColumnMap = Partial<Record<ColumnKey, number>>;
export type HeaderResult =
  | { ok: true; columns: ColumnMap; ignored: string[]; width: number }
  | { ok: false; code: 'missing-name-column' | 'duplicate-column' | 'too-few-columns'; message: string };

/**
 * Maps a header row to column positions (any order). `Nom` and at least one other known column
 * are required; unknown columns are ignored and listed.
 */
export function mapHeader(cells: string[]): HeaderResult {
  const columns: ColumnMap = {};
  const ignored: string[] = [];
  for (const [i, raw] of cells.entries()) {
    const key = ALIASES[normaliseHeader(raw)];
    if (!key) {
      if (raw.trim()) ignored.push(raw.trim());
      continue;
    }
    if (columns[key] !== undefined) return { ok: false, code: 'duplicate-column', message: `column ${COLUMN_LABELS[key]} appears twice` };
    columns[key] = i;
  }
  const expected = TEMPLATE_HEADER.join(', ');
  if (columns.name === undefined) return { ok: false, code: 'missing-name-column', message: `no Nom column; expected headers: ${expected}` };
  if (Object.keys(columns).length < 2) return { ok: false, code: 'too-few-columns', message: `only the Nom column was recognised; expected headers: ${expected}` };
  return { ok: true, columns, ignored, width: cells.length };
}
