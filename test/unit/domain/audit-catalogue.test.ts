/**
 * The audit catalogue against the code: every catalogued event is written
 * somewhere, every function writes its own (or says why it writes none), and every staff route
 * names its event. `auditRecord` itself accepts catalogued names only (a type error otherwise).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { staffRouteTable } from '../../../functions/staff-api/routes/index.ts';
import { functions } from '../../../infra/inventory.ts';
import {
  auditCatalogue,
  auditEventNames,
  unauditedFunctions,
} from '../../../shared/domain/audit-catalogue.ts';
import { staffRoutes } from '../../../shared/http/staff-contract.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The TypeScript sources under `folder`, with their text. */
function sources(folder: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) found.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  walk(join(root, folder));
  return found;
}

const code = [...sources('shared'), ...sources('functions')].filter(
  (file) => !file.path.endsWith('audit-catalogue.ts'),
);

describe('the audit catalogue', () => {
  it.each(auditEventNames.map((name) => [name] as const))('%s is written by the code', (name) => {
    expect(code.some((file) => file.text.includes(`'${name}'`))).toBe(true);
  });

  it('names only functions of the inventory, and every function writes a catalogued event or says why not', () => {
    const names = functions.map((spec) => spec.name);
    const writers = new Set<string>(auditEventNames.flatMap((name) => auditCatalogue[name].by));
    expect([...writers].filter((name) => !names.includes(name))).toEqual([]);
    expect(names.filter((name) => !writers.has(name) && !(name in unauditedFunctions))).toEqual([]);
    // An exemption is for a function that writes nothing.
    expect(Object.keys(unauditedFunctions).filter((name) => writers.has(name))).toEqual([]);
  });

  it('gives every staff route an event name in the staff API', () => {
    const table: Readonly<Record<string, { eventName: string }>> = staffRouteTable;
    const missing = staffRoutes.filter(
      (route) => !auditEventNames.some((name) => name === table[`${route.method} ${route.path}`]?.eventName),
    );
    expect(missing).toEqual([]);
  });

  it('marks reads as read-only and describes every event in Latvian and English', () => {
    for (const name of auditEventNames) {
      const spec = auditCatalogue[name];
      if (spec.category === 'read') expect(spec.readOnly, name).toBe(true);
      expect(spec.description.lv.length, name).toBeGreaterThan(5);
      expect(spec.description.en.length, name).toBeGreaterThan(5);
    }
  });
});
