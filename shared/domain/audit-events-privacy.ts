/**
 * The audited events of the personal-data lifecycle (§5.6, §13, §24), part of the audit catalogue
 * (`audit-catalogue.ts`). Each section is kept by the part of the code that writes it. No record
 * holds personal data: tickets by reference, people by keyed pseudonym, counts — never an address,
 * a name, a phone number or a text.
 */
import type { AuditEventSpec } from './audit-event-spec.ts';

export const privacyAuditEvents = {
  // -- the data protection officer: search, erasure, legal holds (staff-api) --
  SearchDataSubject: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: {
      lv: 'Meklēti datu subjekta dati (pēc pseidonīma, ne atklātā tekstā)',
      en: "A data subject's records searched for (recorded by pseudonym, never in clear)",
    },
  },
  EraseDataSubject: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: {
      lv: 'Datu subjekta dati dzēsti pieprasījumā (pieteikums pseidonimizēts; statistika saglabāta) vai dzēšana atteikta',
      en: "A data subject's data erased on request (the ticket pseudonymised; statistics kept), or the erasure refused",
    },
  },
  SetLegalHold: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: { lv: 'Pieteikumam noteikta juridiskā aizture', en: 'Ticket put under legal hold' },
  },
  LiftLegalHold: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: { lv: 'Pieteikuma juridiskā aizture atcelta', en: "Ticket's legal hold lifted" },
  },
  // -- the data protection officer: export (staff-api) --
  ExportDataSubject: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'export',
    readOnly: true,
    description: {
      lv: 'Datu subjekta dati eksportēti (ZIP ar JSON, datnēm un PDF kopsavilkumu)',
      en: "A data subject's data exported (ZIP with JSON, files and a PDF summary)",
    },
  },
  // -- rectification (staff-api) --
  RectifyClientData: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: {
      lv: 'Laboti klienta dati (vārds, e-pasts, tālrunis vai adrese; vecā vērtība netiek glabāta)',
      en: "Client's data corrected (name, email, phone or address; the old value is not kept)",
    },
  },
  // -- retention (retention-sweeper) --
  ApplyRetention: {
    by: ['retention-sweeper'],
    actor: 'Service',
    category: 'change',
    readOnly: false,
    description: {
      lv: 'Piemēroti glabāšanas termiņi (pseidonimizēto un dzēsto ierakstu skaits)',
      en: 'Retention applied (counts of records pseudonymised and deleted)',
    },
  },
  BackfillRetentionKeys: {
    by: ['retention-sweeper'],
    actor: 'Service',
    category: 'configuration',
    readOnly: false,
    description: {
      lv: 'Agrāk noslēgtie pieteikumi pievienoti glabāšanas termiņu indeksam (skaits)',
      en: 'Tickets settled earlier put on the retention index (counts)',
    },
  },
  BackfillQuestionCounts: {
    by: ['retention-sweeper'],
    actor: 'Service',
    category: 'configuration',
    readOnly: false,
    description: {
      lv: 'Agrāk uzdotie asistenta jautājumi ieskaitīti dienu skaitītājos (skaits)',
      en: "The assistant's questions logged earlier added to the days' counts (counts)",
    },
  },
  BackfillHoldKeys: {
    by: ['retention-sweeper'],
    actor: 'Service',
    category: 'configuration',
    readOnly: false,
    description: {
      lv: 'Agrāk noteiktu tiesisko aizturējumu datnēm ierakstīta aizsardzība (skaits)',
      en: 'Protection written for the files of legal holds set earlier (counts)',
    },
  },
  // -- keyed pseudonyms (retention-sweeper's migration step) --
  RekeyPseudonyms: {
    by: ['retention-sweeper'],
    actor: 'Service',
    category: 'configuration',
    readOnly: false,
    description: {
      lv: 'Klientu pseidonīmi pārrēķināti ar jaunu atslēgu (skaits)',
      en: "Clients' pseudonyms recomputed with a new key (counts)",
    },
  },
} as const satisfies Record<string, AuditEventSpec>;
