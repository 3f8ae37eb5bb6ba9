/**
 * `subject.json` of a data-subject export: what the tickets, their threads, their deliveries, the
 * survey and the assistant questions hold of the subject, machine-readable (GDPR Art. 15 and 20).
 * Its shape is versioned (`schemaVersion`) and documented in `docs/data-subject-export.md`: a
 * change that removes or renames a field is a new version.
 *
 * Staff are named by role only (`from: 'staff'`), never by username: their names are not the
 * subject's data. A legal hold is not part of the subject's copy (its reason may concern
 * proceedings); the data protection officer sees it in the search instead.
 */
import { findCompetence } from '../domain/competences.ts';
import { hasEmailAddress } from '../domain/ticket.ts';
import type { SubjectFile, SubjectQuestion, SubjectTicketRecords } from '../ports/data-subjects.ts';

export const subjectDocumentSchema = 'courtdesk.data-subject-export';
export const subjectDocumentVersion = 1;

/** A file as the document lists it: where it sits in the ZIP, or why it does not. */
export interface ExportedFile {
  readonly kind: SubjectFile['kind'];
  readonly name: string;
  readonly contentType?: string;
  readonly size?: number;
  /** The file's path in the ZIP (`files/<reference>/…`); absent when the bucket no longer had it. */
  readonly path?: string;
}

export interface SubjectDocument {
  readonly schema: typeof subjectDocumentSchema;
  readonly schemaVersion: typeof subjectDocumentVersion;
  readonly generatedAt: string;
  readonly tickets: readonly Record<string, unknown>[];
  readonly questions: readonly SubjectQuestion[];
}

/** The document of the tickets found (with the files' places in the ZIP) and the questions. */
export function subjectDocument(
  found: readonly { readonly records: SubjectTicketRecords; readonly files: readonly ExportedFile[] }[],
  questions: readonly SubjectQuestion[],
  generatedAt: string,
): SubjectDocument {
  return {
    schema: subjectDocumentSchema,
    schemaVersion: subjectDocumentVersion,
    generatedAt,
    tickets: found.map(({ records, files }) => ticketDocument(records, files)),
    questions: questions.map(({ id, askedAt, text }) => ({ id, askedAt, text })),
  };
}

function ticketDocument(
  records: SubjectTicketRecords,
  files: readonly ExportedFile[],
): Record<string, unknown> {
  const { ticket } = records;
  const competence = findCompetence(ticket.competence);
  return withoutUndefined({
    reference: ticket.reference,
    channel: ticket.channel,
    status: ticket.status,
    language: ticket.language,
    receivedAt: ticket.receivedAt,
    unit: {
      id: ticket.competence,
      lv: competence?.name.lv ?? ticket.competence,
      en: competence?.name.en ?? ticket.competence,
    },
    topic: ticket.topic,
    answerDeadline: ticket.answerDeadline,
    expectedAnswerBy: ticket.expectedAnswerBy,
    erasedAt: ticket.erasedAt,
    client: clientDocument(ticket.client),
    subject: ticket.subject || undefined,
    text: ticket.body || undefined,
    callback: ticket.callback
      ? withoutUndefined({
          phone: ticket.callback.phone,
          calledAt: ticket.callback.done?.at,
          outcome: ticket.callback.done?.outcome,
        })
      : undefined,
    letter: ticket.postal
      ? withoutUndefined({
          receivedOn: ticket.postal.receivedOn,
          registeredMailNumber: ticket.postal.registeredMailNumber,
          pages: ticket.postal.scan.pages,
        })
      : undefined,
    transcription: ticket.transcription
      ? { text: ticket.transcription.text, at: ticket.transcription.at }
      : undefined,
    deadlineExtensions: ticket.deadlineExtensions?.map(({ from, to, reason, at }) => ({
      from,
      to,
      reason,
      at,
    })),
    serviceEnded: ticket.serviceEnded
      ? { reason: ticket.serviceEnded.reason, at: ticket.serviceEnded.at }
      : undefined,
    messages: records.messages.map((message) =>
      withoutUndefined({
        id: message.id,
        kind: message.kind,
        at: message.at,
        from: message.kind === 'client' ? 'client' : 'staff',
        subject: message.subject,
        text: message.text,
        attachments: message.attachments?.map((file) => file.filename),
      }),
    ),
    deliveries: records.deliveries.map(({ outboundId, kind, at, sendState, to, subject }) =>
      withoutUndefined({ id: outboundId, kind, at, state: sendState, to, subject }),
    ),
    files,
    survey: records.survey ? withoutUndefined({ ...records.survey }) : undefined,
  });
}

function clientDocument(client: SubjectTicketRecords['ticket']['client']): Record<string, unknown> {
  return withoutUndefined({
    name: client.name || undefined,
    // A placeholder (`….invalid`) stands for "no address": it is not the subject's.
    email: client.email && hasEmailAddress(client) ? client.email : undefined,
    phone: client.phone,
    postalAddress: client.postalAddress ? { ...client.postalAddress } : undefined,
  });
}

/** The object without its undefined members (JSON leaves them out anyway; tests compare shapes). */
export function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/**
 * A file's place in the ZIP: `files/<reference>/<n>-<name>`, the name reduced to characters that
 * are safe in every unzip tool (no path separators, no `..`, no control characters).
 */
export function exportPath(reference: string, index: number, name: string): string {
  const safe =
    name
      .normalize('NFC')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is its purpose
      .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
      .replace(/\.{2,}/g, '.')
      .replace(/^\.+/, '')
      .slice(0, 120) || 'file';
  return `files/${reference}/${String(index + 1).padStart(2, '0')}-${safe}`;
}
