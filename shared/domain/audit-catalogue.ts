/**
 * The catalogue of audited events (§20.3): every `eventName` any function writes, in one place,
 * with who causes it, what it is about and whether it only reads. `auditRecord` accepts only these
 * names, so an event cannot be written without being catalogued here; the tests check that every
 * entry is written somewhere and that every function writes its own.
 */

import type { AuditEventSpec } from './audit-event-spec.ts';
import { knowledgeAuditEvents } from './audit-events-knowledge.ts';
import { privacyAuditEvents } from './audit-events-privacy.ts';
import { qualityAuditEvents } from './audit-events-quality.ts';

export type { AuditCategory, AuditEventSpec } from './audit-event-spec.ts';

export const auditCatalogue = {
  // Intake: a request or a mail becomes a ticket, a message on one, or a quarantine entry.
  SubmitRequest: {
    by: ['ingest-web'],
    actor: 'Anonymous',
    category: 'intake',
    readOnly: false,
    description: {
      lv: 'Iesniegts tīmekļa pieprasījums (vai atteikts)',
      en: 'Web request submitted (or refused)',
    },
  },
  CreateTicket: {
    by: ['process-intake'],
    actor: 'Service',
    category: 'intake',
    readOnly: false,
    description: {
      lv: 'Izveidots pieprasījums un noteikta struktūrvienība',
      en: 'Ticket created and routed',
    },
  },
  AddClientMessage: {
    by: ['process-intake'],
    actor: 'Service',
    category: 'intake',
    readOnly: false,
    description: {
      lv: 'Klienta turpmākā vēstule pievienota pieprasījumam',
      en: "Client's follow-up added to a ticket",
    },
  },
  QuarantineMail: {
    by: ['ingest-email'],
    actor: 'Service',
    category: 'quarantine',
    readOnly: false,
    description: { lv: 'E-pasts aizturēts karantīnā', en: 'Mail held in quarantine' },
  },
  // Post and phone.
  RegisterPost: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'intake',
    readOnly: false,
    description: {
      lv: 'Pasta nodaļa reģistrējusi saņemtu vēstuli (skenējuma augšupielāde)',
      en: 'Mailroom registered a received letter (scan upload)',
    },
  },
  RefusePostalScan: {
    by: ['ingest-postal'],
    actor: 'Service',
    category: 'intake',
    readOnly: false,
    description: {
      lv: 'Vēstules skenējums noraidīts (veids, bojājums, lielums) un izdzēsts',
      en: "Letter's scan refused (type, damage, size) and deleted",
    },
  },
  GetPostRegistration: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: { lv: 'Skatīta vēstules reģistrācija', en: 'Letter registration viewed' },
  },
  ListPostRegistrations: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: { lv: 'Skatīts reģistrēto vēstuļu saraksts', en: 'Registered letters listed' },
  },
  TranscribeScan: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: {
      lv: 'Ierakstīts skenētas vēstules teksts (skenējumā nebija teksta)',
      en: 'Text of a scanned letter typed in (the scan had none)',
    },
  },
  LogCall: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'intake',
    readOnly: false,
    description: { lv: 'Reģistrēts tālruņa zvans kā pieprasījums', en: 'Phone call logged as a ticket' },
  },
  RecordCallback: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: { lv: 'Klientam atzvanīts (vai nesazvanīts)', en: 'Client called back (or not reached)' },
  },
  PrepareLetter: {
    by: ['send-email'],
    actor: 'Service',
    category: 'delivery',
    readOnly: false,
    description: {
      lv: 'Sagatavota drukājama vēstule klientam bez e-pasta adreses',
      en: 'Printable letter prepared for a client without an email address',
    },
  },
  ListLetters: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: { lv: 'Skatīts nosūtāmo vēstuļu saraksts', en: 'Letters to post listed' },
  },
  GetLetter: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: { lv: 'Atvērta vēstule drukāšanai', en: 'Letter opened for printing' },
  },
  DispatchLetter: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'delivery',
    readOnly: false,
    description: { lv: 'Vēstule nosūtīta pa pastu', en: 'Letter posted' },
  },
  // Messages to clients.
  SendEmail: {
    by: ['send-email'],
    actor: 'Service',
    category: 'delivery',
    readOnly: false,
    description: { lv: 'Klientam nosūtīta vēstule', en: 'Email sent to a client' },
  },
  WithholdAcknowledgement: {
    by: ['send-email'],
    actor: 'Service',
    category: 'delivery',
    readOnly: false,
    description: {
      lv: 'Apstiprinājums nav sūtīts (stundas limits)',
      en: 'Acknowledgement withheld (hourly limit)',
    },
  },
  WithholdEmail: {
    by: ['send-email'],
    actor: 'Service',
    category: 'delivery',
    readOnly: false,
    description: { lv: 'Vēstule nav sūtīta (nav e-pasta adreses)', en: 'Email withheld (no email address)' },
  },
  RecordBounce: {
    by: ['mail-events'],
    actor: 'Service',
    category: 'delivery',
    readOnly: false,
    description: { lv: 'Vēstule atgriezta (adrese nav sasniedzama)', en: 'Email bounced' },
  },
  RecordComplaint: {
    by: ['mail-events'],
    actor: 'Service',
    category: 'delivery',
    readOnly: false,
    description: { lv: 'Saņēmējs sūdzējās par vēstuli', en: 'Recipient complained about an email' },
  },
  IgnoreMailEvent: {
    by: ['mail-events'],
    actor: 'Service',
    category: 'delivery',
    readOnly: true,
    description: {
      lv: 'SES ziņojums par vēstuli neko neatzīmēja (nav mūsu pieprasījuma, nav problēmas, nesaprotams)',
      en: 'SES mail event marked nothing (no ticket of ours, no problem, unreadable)',
    },
  },
  // Deadlines.
  FlagTicketDeadline: {
    by: ['deadline-sweeper'],
    actor: 'Service',
    category: 'deadline',
    readOnly: false,
    description: { lv: 'Termiņš drīz beigsies vai ir nokavēts', en: 'Deadline due soon or overdue' },
  },
  SendDeadlineDigest: {
    by: ['deadline-sweeper'],
    actor: 'Service',
    category: 'deadline',
    readOnly: false,
    description: {
      lv: 'Vadītājam nosūtīts termiņu kopsavilkums',
      en: 'Deadline digest sent to a supervisor',
    },
  },
  SweepDeadlines: {
    by: ['deadline-sweeper'],
    actor: 'Service',
    category: 'deadline',
    readOnly: false,
    description: {
      lv: 'Termiņu pārbaude (katru darba dienu): cik atzīmēts, kam nosūtīts',
      en: 'Deadline sweep (each working day): how many flagged, digests sent',
    },
  },
  // Watching the trail itself (§20.3: assessing events' security impact).
  ReviewAccessPatterns: {
    by: ['audit-watch'],
    actor: 'Service',
    category: 'audit',
    readOnly: true,
    description: {
      lv: 'Stundas piekļuves pārskats: neparasti daudz atvērtu pieprasījumu, mēģinājumi ārpus kompetences',
      en: 'Hourly access review: unusually many tickets opened, attempts outside competence',
    },
  },
  SealAuditTrail: {
    by: ['audit-sealer'],
    actor: 'Service',
    category: 'audit',
    readOnly: false,
    description: {
      lv: 'Audita žurnāls aizzīmogots: ķēdei pievienoti parakstīti kopsavilkumi',
      en: 'Audit trail sealed: signed digests added to the chain',
    },
  },
  // Staff sessions.
  SignIn: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'session',
    readOnly: true,
    description: { lv: 'Darbinieks pieslēdzās', en: 'Staff member signed in' },
  },
  SignOut: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'session',
    readOnly: false,
    description: { lv: 'Darbinieks atslēdzās', en: 'Staff member signed out' },
  },
  GetMe: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'session',
    readOnly: true,
    description: { lv: 'Nolasītas savas tiesības', en: 'Own roles and units read' },
  },
  // Staff reads of clients' data.
  ListTickets: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: { lv: 'Skatīts darba saraksts', en: 'Worklist viewed' },
  },
  SearchTickets: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: { lv: 'Meklēti pieprasījumi', en: 'Tickets searched' },
  },
  GetTicket: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: { lv: 'Atvērts pieprasījums', en: 'Ticket opened' },
  },
  ListClientTickets: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: { lv: 'Skatīti klienta citi pieprasījumi', en: "Client's other tickets viewed" },
  },
  ListTemplates: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: { lv: 'Skatītas atbilžu veidnes', en: 'Answer templates viewed' },
  },
  // Staff actions on tickets.
  TakeNextTicket: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: { lv: 'Paņemts nākamais pieprasījums', en: 'Next ticket taken' },
  },
  TakeTicket: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: { lv: 'Pieprasījums paņemts darbā', en: 'Ticket taken' },
  },
  TakeTicketOutOfOrder: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: {
      lv: 'Pieprasījums paņemts ārpus rindas (ar iemeslu)',
      en: 'Ticket taken out of queue order (with a reason)',
    },
  },
  ReplyToClient: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: { lv: 'Atbilde klientam', en: 'Reply to the client' },
  },
  CreateReplyUpload: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: { lv: 'Augšupielādēts atbildes pielikums', en: 'Reply attachment upload started' },
  },
  AddNote: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: { lv: 'Iekšēja piezīme', en: 'Internal note' },
  },
  RerouteTicket: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: {
      lv: 'Pieprasījums pārsūtīts citai struktūrvienībai',
      en: 'Ticket re-routed to another unit',
    },
  },
  ChangeTicketStatus: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: { lv: 'Mainīts statuss', en: 'Status changed' },
  },
  ExtendDeadline: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'deadline',
    readOnly: false,
    description: { lv: 'Pagarināts atbildes termiņš', en: 'Answer deadline extended' },
  },
  EndService: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'change',
    readOnly: false,
    description: { lv: 'Izbeigta apkalpošana (§17)', en: 'Service ended (§17)' },
  },
  // Quarantined mail (supervisors).
  ListQuarantine: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'quarantine',
    readOnly: true,
    description: { lv: 'Skatīta karantīna', en: 'Quarantine list viewed' },
  },
  GetQuarantinedMail: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'quarantine',
    readOnly: true,
    description: { lv: 'Atvērta karantīnā aizturēta vēstule', en: 'Quarantined mail opened' },
  },
  ReleaseQuarantinedMail: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'quarantine',
    readOnly: false,
    description: { lv: 'Vēstule izlaista no karantīnas', en: 'Mail released from quarantine' },
  },
  // The knowledge base: editing, the reply editor's search, the question log's figures.
  ...knowledgeAuditEvents,
  // Client surveys and the service-quality figures.
  ...qualityAuditEvents,
  // The personal-data lifecycle: retention, erasure, export, rectification, legal holds.
  ...privacyAuditEvents,
  // Auditors reading the trail: their reads are recorded too.
  ListAuditRecords: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: { lv: 'Skatīti audita ieraksti', en: 'Audit records viewed' },
  },
  ExportAuditRecords: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'export',
    readOnly: true,
    description: { lv: 'Audita ieraksti eksportēti (CSV)', en: 'Audit records exported (CSV)' },
  },
  GetDataSubjectReport: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'read',
    readOnly: true,
    description: {
      lv: 'Skatīts datu subjekta piekļuves pārskats',
      en: 'Data-subject access report viewed',
    },
  },
  ExportDataSubjectReport: {
    by: ['staff-api'],
    actor: 'Staff',
    category: 'export',
    readOnly: true,
    description: {
      lv: 'Datu subjekta piekļuves pārskats eksportēts (CSV)',
      en: 'Data-subject access report exported (CSV)',
    },
  },
} as const satisfies Record<string, AuditEventSpec>;

export type AuditEventName = keyof typeof auditCatalogue;

export const auditEventNames = Object.keys(auditCatalogue) as AuditEventName[];

/**
 * Functions that write no audit record, and why: they touch no client data and change nothing.
 * Every other function of the inventory must write at least one catalogued event.
 */
export const unauditedFunctions: Readonly<Record<string, string>> = {
  'list-topics': 'Answers the public topic catalogue: no client data, no change.',
  'publish-help':
    "Renders the public help pages from what editors published (each publication audited with the editor's change); the seed of a new knowledge base is no staff member's change.",
  'assistant-api':
    "Answers clients' questions from the published knowledge base: no client data read or changed; the questions go to the question log (§26), stripped of personal data, not to the audit trail.",
  'aggregate-figures':
    "Counts the tickets table's changes into the figures (no personal data, no ticket changed): every change it counts was audited when it was made.",
  'export-analytics':
    "Copies the tickets without personal data for analysts (cloud only): no ticket changed; DynamoDB's exports are in CloudTrail, the analysts' queries in Athena's history.",
};

/**
 * Functions whose accepted input is recorded by the function after them, and why. An accepted web
 * request or mail is recorded once, as `CreateTicket` (or `AddClientMessage`), in the same
 * transaction as its ticket, with the origin (source address, request id or SES message id):
 * recording it again at enqueue time would say the same thing twice. What they refuse or hold they
 * record themselves (`SubmitRequest` with its errorCode, `QuarantineMail`).
 */
export const recordedDownstream: Readonly<Record<string, { readonly by: string; readonly why: string }>> = {
  'ingest-web': {
    by: 'process-intake',
    why: 'An accepted request is recorded as CreateTicket with the ticket; a refused one as SubmitRequest.',
  },
  'ingest-email': {
    by: 'process-intake',
    why: 'An accepted mail is recorded as CreateTicket or AddClientMessage with the ticket; a held one as QuarantineMail.',
  },
  'ingest-postal': {
    by: 'process-intake',
    why: "An accepted scan is recorded as CreateTicket with the ticket (the mailroom's registration as RegisterPost before it); a refused one as RefusePostalScan.",
  },
};
