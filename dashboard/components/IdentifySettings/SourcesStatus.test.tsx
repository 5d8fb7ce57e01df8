// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../../i18n';
import { SourcesStatus } from './SourcesStatus';
import type { IdentifyStatusView } from '../../../server/schemas/identify';

// What /api/identify/status answers with one corrupt and one working MaxMind file
// (the server side of this is tested in test/integration/identify-maxmind.test.ts).
const status: IdentifyStatusView = {
  asnTable: { status: 'ok', detail: '411961 IPv4 + 103197 IPv6 ranges' },
  maxmind: {
    configured: true,
    databases: [
      { file: '/data/mmdb/GeoIP2-City.mmdb', type: null, status: 'failed', detail: 'Unknown type NaN at offset 125343270' },
      { file: '/data/mmdb/GeoIP2-ISP.mmdb', type: 'GeoIP2-ISP', status: 'ok' },
    ],
  },
  country: { source: 'embedded' },
  reverseDns: { enabled: true, servers: [] },
};

afterEach(() => {
  render(null, document.body);
  vi.unstubAllGlobals();
});

describe('Settings: identification sources', () => {
  it('shows a corrupt MaxMind file as disabled, with the reason, next to the ones that work', async () => {
    locale.value = 'fr';
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(status), { status: 200, headers: { 'content-type': 'application/json' } })));
    render(<SourcesStatus />, document.body);
    await vi.waitFor(() => expect(document.querySelectorAll('li')).toHaveLength(2));
    const [city, isp] = [...document.querySelectorAll('li')].map((li) => li.textContent);
    expect(city).toBe('GeoIP2-City.mmdb Désactivée — Unknown type NaN at offset 125343270');
    expect(isp).toBe('GeoIP2-ISP.mmdb (GeoIP2-ISP) Fonctionne');
  });
});
