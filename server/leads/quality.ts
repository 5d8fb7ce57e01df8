/**
 * The quality verdict of a submission. Each signal is a reason; the worst reason decides:
 * spam (hidden by default, kept, restorable), suspect (shown, flagged) or valid.
 */
export const SPAM_REASONS = ['honeypot', 'too-fast', 'token-invalid', 'token-reused', 'bot-ua', 'disposable-email'] as const;
export const SUSPECT_REASONS = ['token-expired', 'free-email', 'email-typo', 'phone-invalid', 'competitor'] as const;
export type ReasonCode = (typeof SPAM_REASONS)[number] | (typeof SUSPECT_REASONS)[number];
export type QualityReason = { code: ReasonCode; detail?: string };
export type Quality = 'valid' | 'suspect' | 'spam';

export const QUALITY_RANK: Record<Quality, number> = { spam: 0, suspect: 1, valid: 2 };

export function verdictOf(reasons: readonly QualityReason[]): Quality {
  if (reasons.some((r) => (SPAM_REASONS as readonly string[]).includes(r.code))) return 'spam';
  return reasons.length > 0 ? 'suspect' : 'valid';
}

/** What the submission handler found, before any database work. */
export type Signals = {
  honeypot: boolean;
  token: 'ok' | 'too-fast' | 'expired' | 'invalid';
  /** The same render token already brought a lead with another e-mail address. */
  tokenReused: boolean;
  botUserAgent: boolean;
  disposable: boolean;
  freeMail: boolean;
  businessEmailRequired: boolean;
  typoSuggestion: string | null;
  phoneInvalid: boolean;
  competitor: string | null;
};

/** The reasons a set of signals gives, most damning first. */
export function reasonsOf(s: Signals): QualityReason[] {
  const reasons: QualityReason[] = [];
  if (s.honeypot) reasons.push({ code: 'honeypot' });
  if (s.token === 'too-fast') reasons.push({ code: 'too-fast' });
  if (s.token === 'invalid') reasons.push({ code: 'token-invalid' });
  if (s.tokenReused) reasons.push({ code: 'token-reused' });
  if (s.botUserAgent) reasons.push({ code: 'bot-ua' });
  if (s.disposable) reasons.push({ code: 'disposable-email' });
  if (s.competitor) reasons.push({ code: 'competitor', detail: s.competitor });
  if (s.token === 'expired') reasons.push({ code: 'token-expired' });
  if (s.freeMail && !s.disposable && s.businessEmailRequired) reasons.push({ code: 'free-email' }); // disposable already says more
  if (s.typoSuggestion) reasons.push({ code: 'email-typo', detail: s.typoSuggestion });
  if (s.phoneInvalid) reasons.push({ code: 'phone-invalid' });
  return reasons;
}
