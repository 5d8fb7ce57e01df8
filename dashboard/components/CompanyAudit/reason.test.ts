import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../../i18n';
import { auditReason } from './reason';

afterEach(() => {
  locale.value = 'fr';
});

describe('list move reasons', () => {
  it('shows the reasons the server stores in French', () => {
    locale.value = 'fr';
    expect(auditReason('new company')).toBe('nouvelle entreprise identifiée');
    expect(auditReason('moved by hand')).toBe('déplacée à la main');
    expect(auditReason('rule Clients SaaS')).toBe('règle « Clients SaaS »');
    expect(auditReason('list salon-2025 deleted')).toBe('liste salon-2025 supprimée');
    expect(auditReason('matched imported row "Acme {x}" by email domain')).toBe('ligne importée « Acme {x} » reconnue par le domaine e-mail');
    expect(auditReason('snapshot restored')).toBe('version de liste restaurée');
    expect(auditReason('matched by email domain')).toBe('import : reconnue par le domaine e-mail');
    expect(auditReason('matched by SIREN')).toBe('import : reconnue par le SIREN');
    expect(auditReason('rule Salons (applied to existing companies)')).toBe('règle « Salons » appliquée aux entreprises existantes');
    expect(auditReason('no longer in the file imported into prospect-salons')).toBe('absente du fichier importé dans prospect-salons');
    expect(auditReason('lead lead_Ab3 converted')).toBe('lead converti en client');
  });

  it('shows them in English too, and anything unknown as stored', () => {
    locale.value = 'en';
    expect(auditReason('new company')).toBe('new company identified');
    expect(auditReason('matched imported row "Acme" by SIREN')).toBe('imported row “Acme” matched by SIREN');
    expect(auditReason('<b>typed by someone</b>')).toBe('<b>typed by someone</b>');
    expect(auditReason(null)).toBe('');
  });
});
