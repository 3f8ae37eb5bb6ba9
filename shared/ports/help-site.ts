/**
 * Where the public help pages are kept (§15, §20.2): a bucket CloudFront serves `/palidziba/*` and
 * `/en/help/*` from. The pages are derived from the published knowledge base and can be rebuilt
 * at any time; the site remembers which published generation they were rendered from, so the
 * publisher renders again only when that moved.
 */
export interface HelpSite {
  /** The published generation the pages were last rendered from; undefined before the first. */
  renderedGeneration(): Promise<number | undefined>;
  /** The paths (`/palidziba/…/`) of the pages the site holds now. */
  pagePaths(): Promise<readonly string[]>;
  /**
   * Stores the pages (path → HTML), replacing those at the same paths. An adapter may skip a page
   * whose stored content is the same. Answers how many it wrote.
   */
  writePages(pages: ReadonlyMap<string, string>): Promise<number>;
  /** Takes the pages at these paths down. */
  deletePages(paths: readonly string[]): Promise<void>;
  recordGeneration(generation: number): Promise<void>;
}
