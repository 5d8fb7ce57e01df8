import { createHmac } from 'node:crypto';
import { suggestEmail } from './email-typo';
import { checkRenderToken, issueRenderToken, renderTokenSignature } from './token';
import { reasonsOf, verdictOf, type Signals } from './quality';
import { temperatureOf } from './temperature';
import { isDisposableDomain, isFreeMailDomain } from './mail-domains';
import { checkPhone } from './phone';

describe('mistyped mail domains', () => {
  it.each([
    ['jean@gmial.com', 'jean@gmail.com'], ['paul@oragne.fr', 'paul@orange.fr'], ['a@hotmail.con', 'a@hotmail.com'],
    ['a@yahou.fr', 'a@yahoo.fr'], ['a@outlok.com', 'a@outlook.com'], ['a@wanado.fr', 'a@wanadoo.fr'], ['a@gmail.co', 'a@gmail.com'],
  ])('%s → %s', (typed, fixed) => expect(suggestEmail(typed)).toBe(fixed));

  it.each(['a@gmail.com', 'a@orange.fr', 'a@acme-industrie.fr', 'a@aon.com', 'a@sfa.fr', 'a@yahoo.de', 'a@orange.com', 'nobody'])(
    'leaves %s alone',
    (email) => expect(suggestEmail(email)).toBeNull(),
  );
});

describe('render tokens', () => {
  const secret = Buffer.alloc(32, 7);
  it('need 3 s to pass, the right form and an untouched signature, and expire after a day', () => {
    const token = issueRenderToken(secret, 'frm_a', 1_000_000);
    expect(checkRenderToken(secret, 'frm_a', token, 1_002_999)).toBe('too-fast');
    expect(checkRenderToken(secret, 'frm_a', token, 1_003_000)).toBe('ok');
    expect(checkRenderToken(secret, 'frm_b', token, 1_003_000)).toBe('invalid');
    expect(checkRenderToken(Buffer.alloc(32, 8), 'frm_a', token, 1_003_000)).toBe('invalid');
    expect(checkRenderToken(secret, 'frm_a', token.replace(/^1/, '2'), 2_003_000)).toBe('invalid');
    expect(checkRenderToken(secret, 'frm_a', token, 1_000_000 + 86_400_001)).toBe('expired');
    expect(checkRenderToken(secret, 'frm_a', 'garbage', 1_003_000)).toBe('invalid');
  });

  it('differ for two renderings in the same millisecond, and still honour tokens issued before nonces', () => {
    const a = issueRenderToken(secret, 'frm_a', 1_000_000);
    const b = issueRenderToken(secret, 'frm_a', 1_000_000);
    expect(a).not.toBe(b);
    expect(renderTokenSignature(a)).not.toBe(renderTokenSignature(b));
    const legacy = `1000000.${createHmac('sha256', secret).update('frm_a.1000000').digest('base64url')}`;
    expect(checkRenderToken(secret, 'frm_a', legacy, 1_003_000)).toBe('ok');
    expect(renderTokenSignature(legacy)).toBeNull(); // no nonce: cannot tell renderings apart
  });
});

describe('quality verdict', () => {
  const clean: Signals = {
    honeypot: false, token: 'ok', tokenReused: false, botUserAgent: false, disposable: false, freeMail: false, businessEmailRequired: false,
    typoSuggestion: null, phoneInvalid: false, competitor: null,
  };
  it('is valid without reasons, suspect with soft ones, spam as soon as one hard signal appears', () => {
    expect(verdictOf(reasonsOf(clean))).toBe('valid');
    expect(verdictOf(reasonsOf({ ...clean, freeMail: true }))).toBe('valid'); // free mail is fine unless the form wants a business address
    expect(reasonsOf({ ...clean, freeMail: true, businessEmailRequired: true })).toEqual([{ code: 'free-email' }]);
    expect(verdictOf(reasonsOf({ ...clean, competitor: 'Rival', token: 'expired' }))).toBe('suspect');
    for (const hard of [{ honeypot: true }, { token: 'too-fast' as const }, { token: 'invalid' as const }, { tokenReused: true }, { botUserAgent: true }, { disposable: true }]) {
      expect(verdictOf(reasonsOf({ ...clean, phoneInvalid: true, ...hard }))).toBe('spam');
    }
  });
});

describe('mail domains and phones', () => {
  it('knows free, ISP and disposable mail domains', () => {
    expect(isFreeMailDomain('gmail.com')).toBe(true);
    expect(isFreeMailDomain('orange.fr')).toBe(true);
    expect(isFreeMailDomain('acme-industrie.fr')).toBe(false);
    expect(isDisposableDomain('mailinator.com')).toBe(true);
    expect(isDisposableDomain('acme-industrie.fr')).toBe(false);
  });
  it('parses phones for the site country and returns E.164', () => {
    expect(checkPhone('06 12 34 56 78', 'FR')).toEqual({ valid: true, e164: '+33612345678' });
    expect(checkPhone('+44 20 7946 0958', 'FR')).toEqual({ valid: true, e164: '+442079460958' });
    expect(checkPhone('020 7946 0958', 'GB')).toEqual({ valid: true, e164: '+442079460958' });
    expect(checkPhone('01 23 45', 'FR')).toEqual({ valid: false });
    expect(checkPhone('06 12 34 56 78', 'ZZ')).toEqual({ valid: false });
  });
});

describe('lead temperature from behaviour', () => {
  const now = Date.UTC(2026, 5, 1);
  const day = 86_400_000;
  it('is cold for one page long ago, warm for a key page, hot for a returning reader of pricing', () => {
    expect(temperatureOf({ pages: 1, keyPages: [], visits: 1, lastVisitAt: now - 40 * day }, now)).toBe('cold');
    expect(temperatureOf({ pages: 1, keyPages: [], visits: 1, lastVisitAt: now }, now)).toBe('cold');
    expect(temperatureOf({ pages: 2, keyPages: ['/contact'], visits: 1, lastVisitAt: now - 10 * day }, now)).toBe('warm');
    expect(temperatureOf({ pages: 9, keyPages: ['/pricing'], visits: 3, lastVisitAt: now - day }, now)).toBe('hot');
  });
});
