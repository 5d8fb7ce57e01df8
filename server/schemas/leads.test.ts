import { validateLeadValues, leadMessage, leadMessages, LEAD_MESSAGE_CODES, type FormField } from './leads';
import { zFormInput } from './lead-forms';
import { defaultFormInput } from '../leads/forms';

const t = (s: string) => ({ fr: s, en: s });
const FIELDS: FormField[] = [
  { key: 'firstName', type: 'firstName', required: true, label: t('Prénom') },
  { key: 'email', type: 'email', required: true, label: t('E-mail') },
  { key: 'phone', type: 'phone', required: false, label: t('Téléphone') },
  { key: 'size', type: 'select', required: false, label: t('Taille'), options: [{ value: '1-10', label: t('1-10') }] },
  { key: 'message', type: 'message', required: false, label: t('Message') },
  { key: 'consent', type: 'consent', required: true, label: t('J’accepte') },
];

describe('the answers schema shared by the form bundle and the server', () => {
  it('accepts a complete answer, trims it, drops unknown keys and empty optional answers', () => {
    const r = validateLeadValues(FIELDS, { firstName: '  Claire ', email: ' c@acme.fr ', phone: '', consent: true, extra: 'x', __proto__: 'y' });
    expect(r.issues).toEqual([]);
    expect(r.values).toEqual({ firstName: 'Claire', email: 'c@acme.fr', consent: true });
  });

  it('reports one issue per invalid field, in the form order, with message codes', () => {
    const r = validateLeadValues(FIELDS, { firstName: '   ', email: 'c@acme', phone: 'call me', size: '500+', message: 'x'.repeat(5001) });
    expect(r.issues).toEqual([
      { field: 'firstName', code: 'required' },
      { field: 'email', code: 'email' },
      { field: 'phone', code: 'phone' },
      { field: 'size', code: 'option' },
      { field: 'message', code: 'too-long' },
      { field: 'consent', code: 'consent' },
    ]);
  });

  it('refuses values of the wrong type without throwing', () => {
    const r = validateLeadValues(FIELDS, { firstName: 42, email: ['a@b.fr'], consent: 'yes' });
    expect(r.issues.map((i) => i.code)).toEqual(['required', 'required', 'consent']);
  });

  it.each([
    ['jean.dupont@acme-industrie.fr', true], ["o'neil+news@sub.acme.co.uk", true], ['a@b.c', false], ['a@@b.fr', false],
    ['a b@acme.fr', false], ['.a@acme.fr', false], ['a..b@acme.fr', false], ['a@acme', false],
  ])('email %s valid: %s', (email, ok) => {
    expect(validateLeadValues(FIELDS.slice(1, 2), { email }).issues.length === 0).toBe(ok);
  });

  it('has the same message codes in French and English, every one filled', () => {
    const fr = leadMessages('fr');
    const en = leadMessages('en');
    expect(Object.keys(fr).sort()).toEqual([...LEAD_MESSAGE_CODES].sort());
    expect(Object.keys(en).sort()).toEqual([...LEAD_MESSAGE_CODES].sort());
    for (const code of LEAD_MESSAGE_CODES) {
      expect(fr[code].length, code).toBeGreaterThan(2);
      expect(fr[code].match(/\{\w+\}/g), code).toEqual(en[code].match(/\{\w+\}/g));
    }
    expect(leadMessage('fr', 'emailTypo', { suggestion: 'x@gmail.com' })).toBe('Vouliez-vous dire x@gmail.com ?');
    expect(leadMessage('en', 'emailTypo', { suggestion: 'x@gmail.com' })).toBe('Did you mean x@gmail.com?');
  });
});

describe('form definitions', () => {
  it('accepts the default form', () => {
    expect(zFormInput.safeParse(defaultFormInput('site_1')).success).toBe(true);
  });

  it.each([
    ['a duplicate key', (f: ReturnType<typeof defaultFormInput>) => f.fields.push({ ...f.fields[0]! }), 'fields.7.key'],
    ['a built-in field under another key', (f: ReturnType<typeof defaultFormInput>) => (f.fields[0]!.key = 'prenom'), 'fields.0.key'],
    ['a select without options', (f: ReturnType<typeof defaultFormInput>) => f.fields.push({ key: 'size', type: 'select', required: false, label: t('Taille') }), 'fields.7.options'],
    ['no required e-mail', (f: ReturnType<typeof defaultFormInput>) => (f.fields[2]!.required = false), 'fields'],
    ['an empty English label', (f: ReturnType<typeof defaultFormInput>) => (f.fields[0]!.label.en = ' '), 'fields.0.label.en'],
    ['a javascript: redirect', (f: ReturnType<typeof defaultFormInput>) => (f.redirectUrl = 'javascript:alert(1)'), 'redirectUrl'],
  ])('refuses %s, naming the field', (_, change, path) => {
    const form = defaultFormInput('site_1');
    change(form);
    const r = zFormInput.safeParse(form);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join('.')).toBe(path);
  });
});
