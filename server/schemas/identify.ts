import { z } from 'zod';

/*
 * Wire schemas of /api/identify, shared with the dashboard (Settings). The CIDR's syntax is
 * checked on the server (node:net), which answers 400 naming `cidr`.
 */

export const zIpRuleInput = z
  .object({
    cidr: z.string().trim().min(1, 'required').max(64),
    action: z.enum(['company', 'ignore']),
    companyId: z.string().trim().min(1).max(64).optional(),
    company: z
      .object({
        name: z.string().trim().min(1, 'required').max(200),
        domain: z.string().trim().max(253).optional(),
      })
      .optional(),
    note: z.string().trim().max(500).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'company' && !v.companyId && !v.company) {
      ctx.addIssue({ code: 'custom', path: ['company', 'name'], message: 'a company is required for a company rule' });
    }
  });
export type IpRuleInput = z.infer<typeof zIpRuleInput>;

export const zIpLookup = z.object({ ip: z.string().trim().min(1, 'required').max(64) });

export const zPage = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export type IpRuleView = {
  id: string;
  cidr: string;
  action: 'company' | 'ignore';
  company: { id: string; name: string; domain: string | null } | null;
  note: string;
  createdAt: number;
  updatedAt: number;
};

export type LearnedMappingView = {
  id: string;
  prefix: string;
  companyId: string;
  company: { name: string; domain: string | null } | null;
  evidenceCount: number;
  confidence: number;
  firstSeenAt: number;
  lastSeenAt: number;
  lastSource: string;
  revoked: boolean;
  revokedAt: number | null;
  /** The distinct business e-mails behind the mapping (the evidence), sorted. */
  emails: string[];
};

export type IdentificationView = {
  ip: string;
  class: string;
  company: { id?: string; name: string; domain: string | null } | null;
  confidence: number;
  source: string | null;
  country: string | null;
  evidence: Array<{ source: string; kind: 'company' | 'class'; value: string; matched: string; confidence: number }>;
};

export type IdentifyStatusView = {
  asnTable: { status: 'ok' | 'degraded' | 'loading'; detail: string };
  maxmind: { configured: boolean; databases: Array<{ file: string; type: string | null; status: 'ok' | 'failed'; detail?: string }> };
  country: { source: 'maxmind' | 'embedded' | 'none' };
  reverseDns: { enabled: boolean; servers: readonly string[] };
};
