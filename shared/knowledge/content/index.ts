/**
 * The knowledge base's seed content: sample articles for every topic of the catalogue and the
 * glossary, in Latvian and English. The administration reviews and replaces it (see README.md).
 */
import { certificatesArchiveArticles } from './certificates-archive.ts';
import { courtFeesArticles } from './court-fees.ts';
import { dataProtectionArticles } from './data-protection.ts';
import { eServicesArticles } from './e-services.ts';
import { generalArticles } from './general.ts';
import { insolvencyArticles } from './insolvency.ts';
import { legalAidArticles } from './legal-aid.ts';
import { maintenanceFundArticles } from './maintenance-fund.ts';
import type { SeedArticle } from './seed-types.ts';

export { seedGlossary } from './glossary.ts';
export type {
  SeedArticle,
  SeedGlossaryTerm,
  SeedService,
  SeedSource,
  SeedText,
  SeedTextList,
} from './seed-types.ts';

/** All seed articles, in the topic catalogue's order. */
export const seedArticles: readonly SeedArticle[] = [
  ...generalArticles,
  ...courtFeesArticles,
  ...eServicesArticles,
  ...legalAidArticles,
  ...maintenanceFundArticles,
  ...insolvencyArticles,
  ...certificatesArchiveArticles,
  ...dataProtectionArticles,
];
