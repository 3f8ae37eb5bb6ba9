/** HelpSite in memory, for unit tests: the pages by path, and the generation they came from. */
import type { HelpSite } from '../../ports/help-site.ts';

export class MemoryHelpSite implements HelpSite {
  readonly pages = new Map<string, string>();
  generation: number | undefined;

  async renderedGeneration(): Promise<number | undefined> {
    return this.generation;
  }

  async pagePaths(): Promise<readonly string[]> {
    return [...this.pages.keys()];
  }

  async writePages(pages: ReadonlyMap<string, string>): Promise<number> {
    let written = 0;
    for (const [path, html] of pages) {
      if (this.pages.get(path) === html) continue;
      this.pages.set(path, html);
      written += 1;
    }
    return written;
  }

  async deletePages(paths: readonly string[]): Promise<void> {
    for (const path of paths) this.pages.delete(path);
  }

  async recordGeneration(generation: number): Promise<void> {
    this.generation = generation;
  }
}
