import { z } from 'zod';

/** A host name a site's pages may be served from (subdomains allowed); no scheme, no path. */
export const zSiteDomain = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(/^(localhost|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/, 'must be a host name such as example.com');

export const zSiteCreate = z.object({
  name: z.string().trim().min(1, 'required').max(100),
  domains: z.array(zSiteDomain).min(1, 'at least one domain').max(50),
});
export type SiteCreate = z.infer<typeof zSiteCreate>;

export type SiteView = { id: string; name: string; publicKey: string; domains: string[]; createdAt: number };
