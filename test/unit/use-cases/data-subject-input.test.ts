/**
 * What the data protection officer's search, erasure and export refuse before they look anything
 * up: control, bidi and other format characters in a name, reason, email or phone (field-level
 * 400 from the schema), and a name without a postal address or an address without a name (400
 * naming the missing field) — the same for the three, through the one `subjectLookup`.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { MemoryDataSubjects } from '../../../shared/adapters/memory/data-subjects.ts';
import { MemoryAuditLog, MemoryTicketStore } from '../../../shared/adapters/memory/index.ts';
import { MemoryObjectVersions } from '../../../shared/adapters/memory/object-versions.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import { subjectLookup } from '../../../shared/use-cases/data-subject-lookup.ts';
import { eraseDataSubject } from '../../../shared/use-cases/erase-data-subject.ts';
import { searchDataSubject } from '../../../shared/use-cases/search-data-subject.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import {
  dataSubjectEraseSchema,
  dataSubjectExportSchema,
  dataSubjectSearchSchema,
} from '../../../shared/use-cases/views/data-subjects.ts';

const dpo: StaffCaller = {
  username: 'dpo.daina',
  roles: ['dpo'],
  competences: [],
  supervises: [],
  expiresAt: 2_000_000_000,
  issuedAt: 1_900_000_000,
  sessionId: 'session-1',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'test',
  requestId: 'request-1',
};
const address = { addressLine: 'Brīvības iela 1', place: 'Rīga', postalCode: 'LV-1010' };
const reason = 'VDAR 17. panta 1. punkta a) apakšpunkts';

/** The fields a schema refuses `body` for, as the staff API's 400 names them. */
function refusedFields(schema: z.ZodMiniType, body: object): string[] {
  const result = z.safeParse(schema, body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

async function refusal(action: Promise<unknown>) {
  try {
    await action;
    return undefined;
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { status: error.status, fields: error.fields?.map((field) => field.field) };
  }
}

describe('data-subject requests: characters', () => {
  const bad = {
    'a control character': 'Anna\u0007 Kalniņa',
    'a line break': 'Anna\nKalniņa',
    'a bidi override': 'Anna \u202eaņilaK',
    'a zero-width joiner (format)': 'Anna\u200dKalniņa',
    'a soft hyphen (format)': 'Anna Kal\u00adniņa',
  };
  for (const [what, value] of Object.entries(bad))
    it(`refuses ${what} in the name, reason, email and phone, naming the field`, () => {
      expect(refusedFields(dataSubjectSearchSchema, { name: value, postalAddress: address })).toEqual([
        'name',
      ]);
      expect(refusedFields(dataSubjectSearchSchema, { email: `a${value}@example.lv` })).toEqual(['email']);
      expect(refusedFields(dataSubjectExportSchema, { phone: `+371 2000${value}0001` })).toEqual(['phone']);
      expect(
        refusedFields(dataSubjectEraseSchema, { email: 'anna@example.lv', reason: `${reason} ${value}` }),
      ).toEqual(['reason']);
    });

  it('takes plain Latvian text', () => {
    expect(
      refusedFields(dataSubjectEraseSchema, { name: 'Anna Kalniņa', postalAddress: address, reason }),
    ).toEqual([]);
  });
});

describe('data-subject requests: a name only with an address', () => {
  const subjects = new MemoryDataSubjects(new MemoryTicketStore(), new MemoryObjectVersions());
  const deps = {
    records: subjects,
    erasure: subjects,
    questions: subjects,
    audit: new MemoryAuditLog(),
    clock: { now: () => new Date('2026-09-01T10:00:00Z') },
  };

  it('search and erase refuse a name without an address (400, postalAddress) and an address without a name (400, name)', async () => {
    const nameOnly = { name: 'Anna Kalniņa' };
    const addressOnly = { postalAddress: address };
    expect(await refusal(searchDataSubject(deps, dpo, nameOnly))).toEqual({
      status: 400,
      fields: ['postalAddress'],
    });
    expect(await refusal(searchDataSubject(deps, dpo, addressOnly as never))).toEqual({
      status: 400,
      fields: ['name'],
    });
    expect(await refusal(eraseDataSubject(deps, dpo, { ...nameOnly, reason }))).toEqual({
      status: 400,
      fields: ['postalAddress'],
    });
    expect(await refusal(eraseDataSubject(deps, dpo, { ...addressOnly, reason } as never))).toEqual({
      status: 400,
      fields: ['name'],
    });
    expect(deps.audit.records).toEqual([]);
  });

  it('export looks up alike (the same function)', () => {
    expect(() => subjectLookup({ name: 'Anna Kalniņa' })).toThrow(Refused);
    expect(
      subjectLookup({ name: 'Anna Kalniņa', postalAddress: address as never, email: 'anna@example.lv' }),
    ).toMatchObject({
      matchedBy: ['email', 'name-address'],
    });
  });
});
