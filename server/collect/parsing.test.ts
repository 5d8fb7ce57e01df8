import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { AgentParser } from './agent.js';
import { ipPrefix } from './ip-prefix.js';
import { checkContentType, parseCollectBody } from './payload.js';
import { hostAllowed, normalizeHost } from './sites.js';
import { campaignOf, referrerHost } from './url-params.js';

const refusal = (fn: () => unknown): { status: number; field?: string } => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return { status: err.status, field: err.field };
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('parseCollectBody', () => {
  const ok = { site: 'k', url: 'https://example.com/' };

  it('accepts a minimal pageview and drops keys it does not know (ip, userAgent, timestamp)', () => {
    const p = parseCollectBody(JSON.stringify({ ...ok, ip: '1.2.3.4', userAgent: 'x', timestamp: 1 }));
    expect(p).toEqual({ site: 'k', type: 'pageview', url: 'https://example.com/' });
  });

  it.each([
    ['an empty body', '', 'body'],
    ['blank space', '  \n', 'body'],
    ['malformed JSON', '{"site":', 'body'],
    ['null', 'null', 'body'],
    ['an array', '[{"site":"k"}]', 'body'],
    ['a number', '42', 'body'],
    ['a __proto__ key', '{"site":"k","url":"https://example.com/","__proto__":{"admin":true}}', 'body'],
    ['a nested __proto__ key', '{"site":"k","url":"https://example.com/","props":{"__proto__":"x"}}', 'props'],
    ['a lone high surrogate', '{"site":"k","url":"https://example.com/","title":"a\\ud800b"}', 'title'],
    ['a lone low surrogate', '{"site":"k","url":"https://example.com/","title":"\\udc00"}', 'title'],
    ['a lone surrogate in a key', '{"site":"k","url":"https://example.com/","props":{"\\ud800":"x"}}', 'props'],
    ['a missing site', '{"url":"https://example.com/"}', 'site'],
    ['a javascript: URL', '{"site":"k","url":"javascript:alert(1)"}', 'url'],
    ['a bad type', '{"site":"k","url":"https://example.com/","type":"purchase"}', 'type'],
    ['a bad consent id', '{"site":"k","url":"https://example.com/","cid":"no spaces allowed"}', 'cid'],
  ])('refuses %s with 400 naming %s', (_what, body, field) => {
    expect(refusal(() => parseCollectBody(body))).toEqual({ status: 400, field });
  });

  it('accepts surrogate pairs (emoji)', () => {
    expect(parseCollectBody(JSON.stringify({ ...ok, title: 'Salon 🚀' })).title).toBe('Salon 🚀');
  });
});

describe('checkContentType', () => {
  it('accepts text/plain (the tracker, no preflight) and application/json, with parameters', () => {
    for (const t of ['text/plain', 'text/plain;charset=UTF-8', 'application/json; charset=utf-8', 'Text/Plain']) expect(() => checkContentType(t)).not.toThrow();
  });

  it('refuses anything else with 415', () => {
    for (const t of [undefined, '', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      expect(refusal(() => checkContentType(t))).toEqual({ status: 415, field: 'content-type' });
    }
  });
});

describe('hostAllowed', () => {
  const domains = ['example.com', 'shop.example.fr'].map(normalizeHost);

  it('allows the domain and its subdomains, case-insensitively', () => {
    expect(hostAllowed('example.com', domains)).toBe(true);
    expect(hostAllowed('WWW.Example.COM', domains)).toBe(true);
    expect(hostAllowed('a.b.shop.example.fr', domains)).toBe(true);
  });

  it('refuses look-alikes and parents', () => {
    expect(hostAllowed('notexample.com', domains)).toBe(false);
    expect(hostAllowed('example.com.evil.net', domains)).toBe(false);
    expect(hostAllowed('example.fr', domains)).toBe(false);
  });

  it('normalises configured domains: scheme, port, trailing dot, wildcard, unicode', () => {
    expect(normalizeHost('https://Example.com:8443/path')).toBe('example.com');
    expect(normalizeHost('*.example.com.')).toBe('example.com');
    expect(normalizeHost('café.fr')).toBe('xn--caf-dma.fr');
  });
});

describe('campaignOf and referrerHost', () => {
  it('reads UTM parameters and click ids, empty ones as null', () => {
    const c = campaignOf(new URL('https://example.com/?utm_source=Newsletter&utm_medium=&gclid=abc&li_fat_id=9'));
    expect(c).toMatchObject({ utm_source: 'Newsletter', utm_medium: null, gclid: 'abc', li_fat_id: '9', fbclid: null });
  });

  it('gives the referrer host, but not for self-referrals or junk', () => {
    expect(referrerHost('https://www.Google.fr/search?q=x', 'example.com')).toBe('www.google.fr');
    expect(referrerHost('https://example.com/a', 'example.com')).toBeNull();
    expect(referrerHost('not a url', 'example.com')).toBeNull();
  });
});

describe('ipPrefix', () => {
  it('keeps the /24 of IPv4 and the /48 of IPv6', () => {
    expect(ipPrefix('203.0.113.77')).toBe('203.0.113.0/24');
    expect(ipPrefix('2001:db8:cafe:1:2:3:4:5')).toBe('2001:db8:cafe::/48');
    expect(ipPrefix('2001:db8::1')).toBe('2001:db8::/48');
  });
});

describe('AgentParser', () => {
  const agents = new AgentParser();
  const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

  it('reads browser, OS and device of a real browser', () => {
    expect(agents.parse(chrome)).toEqual({ bot: false, browser: 'Chrome', os: 'Windows', device: 'desktop' });
    const iphone = agents.parse('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1');
    expect(iphone).toMatchObject({ bot: false, device: 'mobile' });
  });

  it.each([
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['HeadlessChrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36'],
    ['curl', 'curl/8.5.0'],
    ['GPTBot', 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)'],
    ['an empty user agent', ''],
  ])('classifies %s as a bot', (_name, ua) => {
    expect(agents.parse(ua).bot).toBe(true);
  });
});
