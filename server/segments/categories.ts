/** The nine fixed segment categories: never renamed, added or deleted. Ids are stable. */
export const CATEGORIES = [
  { id: 'interne', fr: 'Interne', en: 'Internal' },
  { id: 'concurrent', fr: 'Concurrent', en: 'Competitor' },
  { id: 'client', fr: 'Client', en: 'Customer' },
  { id: 'distributeur', fr: 'Distributeur', en: 'Distributor' },
  { id: 'prospect', fr: 'Prospect', en: 'Prospect' },
  { id: 'partenaire', fr: 'Partenaire', en: 'Partner' },
  { id: 'hors-cible', fr: 'Hors-cible', en: 'Out of target' },
  { id: 'fournisseur', fr: 'Fournisseur', en: 'Supplier' },
  { id: 'autre', fr: 'Autre', en: 'Other' },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]['id'];

export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as [CategoryId, ...CategoryId[]];

/** Where a newly identified company lands unless a list entry or rule places it. */
export const DEFAULT_LIST_NAME = 'prospect-default';

/** Lists every new organisation starts with; locked ones follow recommended practice. */
export const INITIAL_LISTS: ReadonlyArray<{ category: CategoryId; name: string; isDefault: boolean; locked: boolean }> = [
  ...CATEGORIES.map((c) => ({
    category: c.id,
    name: `${c.id}-default`,
    isDefault: true,
    locked: c.id === 'interne' || c.id === 'client' || c.id === 'concurrent',
  })),
  { category: 'prospect', name: 'prospect-importé', isDefault: false, locked: true },
  { category: 'prospect', name: 'prospect-in-pipe', isDefault: false, locked: true },
];
