import type { RescoreJob, RulesReply } from '../server/schemas/scoring.js';
import { DEFAULT_RULES } from '../server/scoring/rules.js';
import { scoringFor } from '../server/scoring/service.js';
import { openSeededServer, type SeededServer } from './companies.js';
import type { Figure, Suite } from './lib/types.js';

/** PUTs rules and waits (polling the job status endpoint) until every company is rescored. */
async function changeRulesAndWait(s: SeededServer, rules: unknown): Promise<{ ms: number; job: RescoreJob; polls: number }> {
  const t0 = performance.now();
  const res = await fetch(`${s.url}/api/scoring/rules`, { method: 'PUT', headers: s.headers, body: JSON.stringify({ rules }) });
  if (res.status !== 200) throw new Error(`PUT rules answered ${res.status}: ${await res.text()}`);
  let job = ((await res.json()) as RulesReply).job!;
  let polls = 0;
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, 100));
    job = ((await (await fetch(`${s.url}/api/scoring/jobs/${job.id}`, { headers: s.headers })).json()) as { job: RescoreJob }).job;
    polls++;
  }
  if (job.state !== 'done') throw new Error(`rescoring ${job.state}`);
  return { ms: performance.now() - t0, job, polls };
}

/** Rescoring every company after a rule change, and the live refresh of companies with new traffic. */
export const scoringSuite: Suite = {
  name: 'scoring',
  description: 'rescoring all companies after a rule change (target <= 10 s), live refresh cost',
  async run(): Promise<Figure[]> {
    const s = await openSeededServer();
    try {
      const figures: Figure[] = s.seedFigure ? [s.seedFigure] : [];
      const changed = {
        ...DEFAULT_RULES,
        halfLifeDays: 10,
        engagement: { ...DEFAULT_RULES.engagement, keyPages: [...DEFAULT_RULES.engagement.keyPages, { pattern: '/produits/*', label: 'fiche produit', points: 8 }] },
      };
      const r = await changeRulesAndWait(s, changed);
      figures.push({
        name: 'rescore all after a rule change',
        value: (r.ms / 1000).toFixed(2),
        unit: 's',
        note: `${r.job.total.toLocaleString('en-US')} companies, ${Math.round(r.job.total / (r.ms / 1000)).toLocaleString('en-US')}/s, ${r.polls} progress polls; target <= 10 s`,
      });
      const back = await changeRulesAndWait(s, DEFAULT_RULES);
      figures.push({ name: 'rescore all (back to defaults)', value: (back.ms / 1000).toFixed(2), unit: 's' });

      // Live path: the collector announces sessions of 1,000 companies; aggregates and scores follow.
      const sessions = s.deps.db
        .prepare('SELECT max(id) FROM sessions WHERE org_id = ? AND company_id IS NOT NULL GROUP BY company_id ORDER BY random() LIMIT 1000')
        .pluck()
        .all(s.orgId) as number[];
      const scoring = scoringFor(s.deps);
      scoring.flush();
      s.deps.bus.emit('traffic-committed', { orgId: s.orgId, sessionIds: sessions, at: Date.now() });
      const t0 = performance.now();
      const n = scoring.flush();
      const ms = performance.now() - t0;
      figures.push({ name: 'live refresh (aggregates + score)', value: Math.round((ms * 1000) / Math.max(1, n)), unit: 'µs/company', note: `${n} companies in ${Math.round(ms)} ms` });
      return figures;
    } finally {
      await s.close();
    }
  },
};
