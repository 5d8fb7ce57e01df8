import type { CompanyCandidate } from '../companies/repo.js';

/**
 * Why a visit has no company: who owns the network it came from. `business_unknown` is a
 * business network whose company cannot be named (a secure web gateway such as Zscaler, a
 * business-only carrier); `ignored` comes from an organisation's own "ignore" IP rule.
 */
export const NETWORK_CLASSES = [
  'isp', 'mobile', 'hosting', 'vpn_proxy', 'education', 'government', 'business_unknown', 'unknown', 'ignored',
] as const;
export type NetworkClass = (typeof NETWORK_CLASSES)[number];

/** Where a verdict comes from, in priority order (the evidence `source` of a company). */
export const SOURCES = ['manual_rule', 'learned', 'maxmind', 'asn_table', 'rdns', 'form_email'] as const;
export type Source = (typeof SOURCES)[number];

/** What a resolver found out; several may come from one resolver (MaxMind gives org and class). */
export type Verdict =
  | { kind: 'company'; candidate: CompanyCandidate; companyId?: string; source: Source; confidence: number; matched: string; evidence: Record<string, unknown> }
  | { kind: 'class'; class: NetworkClass; source: Source; confidence: number; matched: string; evidence: Record<string, unknown> };

/** The pipeline's answer for one IP. */
export type Identification = {
  ip: string;
  /** `company` when a company was identified, else the network class. */
  class: 'company' | NetworkClass;
  company: (CompanyCandidate & { id?: string }) | null;
  confidence: number;
  source: Source | null;
  country: string | null;
  /** The winning verdict's evidence, then every other verdict (why it lost). */
  evidence: Array<{ source: Source; kind: 'company' | 'class'; value: string; matched: string; confidence: number; detail: Record<string, unknown> }>;
};

/** Optional extra signals the caller already has. */
export type Hints = { hostname?: string | null };
