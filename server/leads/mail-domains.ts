import { createRequire } from 'node:module';
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';
import { registrableDomain } from '../companies/normalize.js';

const require = createRequire(import.meta.url);
let free: Set<string> | undefined;
let disposable: Set<string> | undefined;

// Loaded on first use, not at import time: the lists hold tens of thousands of domains.
const freeSet = () => (free ??= new Set(require('email-providers/all.json') as string[]));
const disposableSet = () => (disposable ??= disposableEmailBlocklistSet());

/** The domain and its registrable domain (`mail.free.fr` is checked as itself and as `free.fr`). */
function candidates(domain: string): string[] {
  const d = domain.trim().toLowerCase();
  const reg = registrableDomain(d);
  return reg && reg !== d ? [d, reg] : [d];
}

/** A free or ISP mailbox (gmail.com, orange.fr, …): it names a person's provider, never their employer. */
export function isFreeMailDomain(domain: string): boolean {
  return candidates(domain).some((d) => freeSet().has(d));
}

/** A throw-away mailbox service (maintained list from disposable-email-domains-js). */
export function isDisposableDomain(domain: string): boolean {
  return candidates(domain).some((d) => disposableSet().has(d));
}

/** The domain part of an address, lower case. */
export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
