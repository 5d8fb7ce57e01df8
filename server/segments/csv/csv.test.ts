import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDecoder, decodeCp1252, detectDelimiter, detectEncoding } from './decode.js';
import { mapHeader } from './header.js';
import { checkRow } from './rows.js';
import { csvLine, neutralise } from './write.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/csv');
const fixture = (name: string) => path.join(fixtures, name);

describe('CSV decoding', () => {
  it('reads UTF-8 with a BOM as UTF-8 and drops the BOM', async () => {
    expect(await detectEncoding(fixture('utf8-bom-semicolon-crlf.csv'))).toBe('utf-8');
    const d = createDecoder('utf-8');
    const text = d.write(fs.readFileSync(fixture('utf8-bom-semicolon-crlf.csv'))) + d.end();
    expect(text.startsWith('Nom;')).toBe(true);
    expect(text).toContain('Électricité Dupont');
  });

  it('recognises a Windows-1252 file and decodes €, œ and curly quotes, not only Latin-1', async () => {
    expect(await detectEncoding(fixture('cp1252-semicolon.csv'))).toBe('windows-1252');
    const text = decodeCp1252(fs.readFileSync(fixture('cp1252-semicolon.csv')));
    expect(text).toContain('Société Œuvre d’Art €');
    expect(text).toContain('Brasserie Fenêtre');
  });

  it('decodes a UTF-8 character split across two chunks', () => {
    const bytes = Buffer.from('é', 'utf8');
    const d = createDecoder('utf-8');
    expect(d.write(bytes.subarray(0, 1)) + d.write(bytes.subarray(1)) + d.end()).toBe('é');
  });

  it('detects the delimiter from the header line, ignoring quoted separators', () => {
    expect(detectDelimiter('Nom;SIREN;Domaine email;Website\r\na,b;c;d;e')).toBe(';');
    expect(detectDelimiter('Website,Name,"Email; domain",SIRET\n')).toBe(',');
    expect(detectDelimiter('Nom\tSIREN\tWebsite\n')).toBe('\t');
  });
});

describe('import header', () => {
  it('accepts the exact headers in any order, without case or accent differences', () => {
    const h = mapHeader(['website', 'DOMAINE E-MAIL', 'Siren', 'nom']);
    expect(h).toMatchObject({ ok: true, columns: { website: 0, emailDomain: 1, siren: 2, name: 3 } });
  });

  it('accepts the English aliases Name, SIRET and Email domain', () => {
    expect(mapHeader(['Name', 'SIRET', 'Email domain'])).toMatchObject({ ok: true, columns: { name: 0, siren: 1, emailDomain: 2 } });
  });

  it('refuses a file without a Nom column, naming the expected headers', () => {
    const h = mapHeader(['Société', 'SIREN']);
    expect(h).toMatchObject({ ok: false, code: 'missing-name-column' });
    expect(!h.ok && h.message).toContain('Nom, SIREN, Domaine email, Website');
  });

  it('refuses a column given twice', () => {
    expect(mapHeader(['Nom', 'SIREN', 'SIRET'])).toMatchObject({ ok: false, code: 'duplicate-column' });
  });
});

const cols = { name: 0, siren: 1, emailDomain: 2, website: 3 };
const check = (cells: string[]) => checkRow(cells, cols, 4);
const reasons = (cells: string[]) => check(cells).violations.map((v) => `${v.column}:${v.reason}`);

describe('import row rules', () => {
  it('keeps a complete valid row reduced to its matching keys', () => {
    expect(check(['ACME SAS', '552 100 554 10004', 'mail.acme.fr', 'https://www.acme.fr/contact']).row).toEqual({
      name: 'ACME SAS', nameKey: 'acme', siren: '552100554', emailDomain: 'acme.fr', webDomain: 'acme.fr',
    });
  });

  it('requires the name (and passes with it)', () => {
    expect(reasons(['', '552100554', 'acme.fr', ''])).toEqual(['Nom:name-required']);
    expect(check(['Acme', '552100554', '', '']).row).not.toBeNull();
  });

  it('requires at least 2 of the 4 columns', () => {
    expect(reasons(['Seul', '', '', ''])).toEqual([':too-few-columns']);
    expect(check(['Deux', '', '', 'deux.fr']).row).not.toBeNull();
  });

  it('refuses several values in one cell', () => {
    expect(reasons(['Multi', '552100554, 732829320', '', ''])).toEqual(['SIREN:multiple-values']);
    expect(reasons(['Multi', '552100554 732829320', '', ''])).toEqual(['SIREN:multiple-values']);
    expect(reasons(['Multi', '', 'a.fr; b.fr', ''])).toEqual(['Domaine email:multiple-values']);
    expect(reasons(['Multi', '', '', 'a.fr b.fr'])).toEqual(['Website:multiple-values']);
    expect(reasons(['A\nB', '', '', 'a.fr'])).toEqual(['Nom:multiple-values']);
  });

  it('checks the SIREN length and key', () => {
    expect(reasons(['X', '12345', '', ''])).toEqual(['SIREN:siren-format']);
    expect(reasons(['X', '552100555', '', ''])).toEqual(['SIREN:siren-checksum']);
    expect(check(['La Poste', '35600000049837', '', '']).row?.siren).toBe('356000000');
  });

  it('refuses an email domain with @, a free mail or an ISP domain; accepts a company domain', () => {
    expect(reasons(['X', '', 'contact@x.fr', ''])).toEqual(['Domaine email:email-domain-at']);
    expect(reasons(['X', '', 'gmail.com', ''])).toEqual(['Domaine email:email-domain-free']);
    expect(reasons(['X', '', 'orange.fr', ''])).toEqual(['Domaine email:email-domain-free']);
    expect(reasons(['X', '', 'not_a_domain', ''])).toEqual(['Domaine email:email-domain-invalid']);
    expect(check(['X', '', 'x-industrie.fr', '']).row?.emailDomain).toBe('x-industrie.fr');
  });

  it('reduces a website to its registrable domain and refuses junk', () => {
    expect(check(['X', '', '', 'http://www.chemin.co.uk/a/b?c']).row?.webDomain).toBe('chemin.co.uk');
    expect(reasons(['X', '', '', 'localhost'])).toEqual(['Website:website-invalid']);
  });

  it('reports every violation of a row, and cells beyond the header', () => {
    expect(reasons(['', '1', 'a@b.fr', ''])).toEqual(['Nom:name-required', 'SIREN:siren-format', 'Domaine email:email-domain-at']);
    expect(reasons(['X', '', '', 'x.fr', 'stray'])).toEqual([':extra-cells']);
  });
});

describe('CSV writing', () => {
  it('neutralises cells that spreadsheets would evaluate as formulas', () => {
    for (const s of ['=1+1', '+33 1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    expect(neutralise('ACME')).toBe('ACME');
  });

  it('quotes cells holding the delimiter, quotes or line breaks, and leaves numbers alone', () => {
    expect(csvLine(['a;b', 'say "hi"', 'x\ny', -3, null])).toBe('"a;b";"say ""hi""";"x\ny";-3;\r\n');
  });
});
