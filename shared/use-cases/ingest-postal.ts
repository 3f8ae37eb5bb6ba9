/**
 * A scan arrived in `scans/`: find the mailroom's registration it belongs to,
 * check the file by its content, read its text, and enqueue the letter on intake.fifo as a
 * `postal` request — or refuse it with a reason the mailroom's page shows, and delete the file, so
 * that nothing is half-stored.
 *
 * Idempotent: S3 may deliver an event twice and Lambda retries a failed one. The registration is
 * settled once (a conditional update); an accepted one is enqueued again with the same reference
 * and source id on every delivery (the queue and process-intake each keep one ticket), a refused
 * one only has its file deleted again.
 */
import { auditEventSource, auditRecord } from '../domain/audit-event.ts';
import { clientGroupId, stableId } from '../domain/ids.ts';
import type { IntakeMessage } from '../domain/intake-message.ts';
import {
  type PostRegistration,
  placeholderEmail,
  receivedAtOf,
  registrationIdOf,
  type ScanRefusalReason,
  scanKey,
} from '../domain/postal-registration.ts';
import type { ReferenceAllocator } from '../domain/reference.ts';
import { type ScanKind, scanContentTypes, scanSniffBytes, sniffScan } from '../domain/scan-type.ts';
import type { ScanVerdict } from '../domain/scan-verdict.ts';
import { postalSubject } from '../i18n/postal-messages.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { PostalDesk } from '../ports/postal.ts';
import type { MessageQueue } from '../ports/queue.ts';

/** The scans in the bucket: read one, delete one. */
export interface ScanFiles {
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}

export interface IngestPostalDeps {
  readonly desk: PostalDesk;
  readonly scans: ScanFiles;
  readonly intakeQueue: MessageQueue<IntakeMessage>;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly references: ReferenceAllocator;
  readonly inspect: (bytes: Uint8Array) => Promise<ScanVerdict>;
  /** Latvian OCR for scans without a text layer, where it is installed (see shared/adapters/tesseract/ocr.ts). */
  readonly ocr?: { read(bytes: Uint8Array, kind: ScanKind): Promise<string> };
  readonly scansPrefix: string;
  /** The largest scan accepted, in bytes (also the most an upload is signed for). */
  readonly maxScanBytes: number;
}

/** One object-created event, as S3 reports it. */
export interface ScanArrival {
  readonly key: string;
  readonly size: number;
  /** S3's request id (or the sandbox's), for the audit trail. */
  readonly requestId: string;
}

export type PostalOutcome =
  | { readonly outcome: 'enqueued'; readonly reference: string; readonly needsTranscription: boolean }
  | { readonly outcome: 'refused'; readonly reason: ScanRefusalReason }
  | { readonly outcome: 'already-refused' };

export async function ingestPostalScan(deps: IngestPostalDeps, arrival: ScanArrival): Promise<PostalOutcome> {
  const id = registrationIdOf(deps.scansPrefix, arrival.key);
  const registration = id ? await deps.desk.getRegistration(id) : undefined;
  if (!registration) {
    // Not a registration's scan (or a registration never stored): nothing may keep it.
    await deps.scans.delete(arrival.key);
    await deps.audit.append([
      refusalRecord(deps, arrival, undefined, { reason: 'unregistered' }, deps.clock.now().toISOString()),
    ]);
    return { outcome: 'refused', reason: 'unregistered' };
  }
  if (registration.state === 'refused') {
    await deps.scans.delete(arrival.key);
    return { outcome: 'already-refused' };
  }

  const verdict = await inspectArrival(deps, arrival);
  if (!verdict.ok) {
    if (registration.state === 'accepted') {
      // Accepted before, and now unreadable: the object was replaced after its first delivery
      // (a second PUT with a still valid URL). Keep the ticket as it is; say so loudly.
      throw new ScanChangedAfterAcceptance(registration.id);
    }
    const at = deps.clock.now().toISOString();
    const refusal = { reason: verdict.reason, ...(verdict.detected ? { detected: verdict.detected } : {}) };
    const settled = await deps.desk.settle(
      registration.id,
      { state: 'refused', settledAt: at, refusal },
      refusalRecord(deps, arrival, registration, refusal, at),
    );
    // Settled meanwhile by another delivery: delete only what ended refused, never an accepted scan.
    if (!settled && (await deps.desk.getRegistration(registration.id))?.state !== 'refused')
      throw new ScanSettledElsewhere(registration.id);
    await deps.scans.delete(arrival.key);
    return { outcome: 'refused', reason: verdict.reason };
  }

  const reference = registration.reference ?? (await accept(deps, registration, verdict));
  await deps.intakeQueue.send(intakeMessage(deps, registration, reference, verdict, arrival), {
    groupId: clientGroupOf(registration),
    deduplicationId: `postal-${registration.id}`,
  });
  return { outcome: 'enqueued', reference, needsTranscription: verdict.needsTranscription };
}

/** The registration settled as accepted with a new reference, or the reference a racing delivery gave it. */
async function accept(
  deps: IngestPostalDeps,
  registration: PostRegistration,
  verdict: Extract<ScanVerdict, { ok: true }>,
): Promise<string> {
  const now = deps.clock.now();
  const reference = await deps.references.next(Number(registration.receivedOn.slice(0, 4)));
  const settled = await deps.desk.settle(registration.id, {
    state: 'accepted',
    settledAt: now.toISOString(),
    reference,
    scan: {
      kind: verdict.kind,
      pages: verdict.pages,
      needsTranscription: verdict.needsTranscription,
      ...(verdict.ocr ? { ocr: true } : {}),
    },
  });
  if (settled) return reference;
  const current = await deps.desk.getRegistration(registration.id);
  if (current?.reference) return current.reference;
  throw new Error(`Registration ${registration.id} was settled without a reference`);
}

async function inspectArrival(deps: IngestPostalDeps, arrival: ScanArrival): Promise<ScanVerdict> {
  // The upload is signed for its length, so this holds in the cloud; checked before reading anyway.
  if (arrival.size > deps.maxScanBytes) return { ok: false, reason: 'too-large' };
  const bytes = await deps.scans.get(arrival.key);
  if (!bytes) throw new ScanMissing(arrival.key);
  if (bytes.length > deps.maxScanBytes) return { ok: false, reason: 'too-large' };
  const content = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  let verdict: ScanVerdict;
  try {
    verdict = await deps.inspect(content);
  } catch {
    // A file the parser chokes on is a damaged one: refused with a reason, never a registration
    // left waiting for ever (and an event in the on-failure queue) because a parser threw.
    const sniffed = sniffScan(content.subarray(0, scanSniffBytes));
    return {
      ok: false,
      reason: 'kind' in sniffed && sniffed.kind === 'pdf' ? 'pdf-corrupt' : 'image-corrupt',
    };
  }
  if (!verdict.ok || !verdict.needsTranscription || !deps.ocr) return verdict;
  // No text layer: what OCR reads, when it reads enough to be worth it; staff still see the scan.
  // OCR failing (a timeout, a crash) leaves it for staff to type in, as without OCR.
  const text = await deps.ocr.read(content, verdict.kind).then(
    (read) => read.slice(0, maxBodyCharacters),
    () => '',
  );
  return readableText(text) ? { ...verdict, text, needsTranscription: false, ocr: true } : verdict;
}

/** What a ticket's body holds at most (the intake message's bound). */
const maxBodyCharacters = 100_000;

/** Enough letters to be a text rather than noise read off a stamp or a signature. */
function readableText(text: string): boolean {
  return (text.match(/\p{L}/gu) ?? []).length >= 20;
}

function clientEmailOf(registration: PostRegistration): string {
  const { sender } = registration;
  return (
    sender.email ??
    placeholderEmail('post', [sender.name, sender.postalAddress.postalCode, sender.postalAddress.addressLine])
  );
}

/** One sender's letters in order, different senders in parallel (as email by address). */
function clientGroupOf(registration: PostRegistration): string {
  return clientGroupId(clientEmailOf(registration));
}

function intakeMessage(
  deps: IngestPostalDeps,
  registration: PostRegistration,
  reference: string,
  verdict: Extract<ScanVerdict, { ok: true }>,
  arrival: ScanArrival,
): IntakeMessage {
  const { sender } = registration;
  return {
    version: 1,
    kind: 'new-request',
    sourceId: `postal:${registration.id}`,
    channel: 'postal',
    reference,
    receivedAt: receivedAtOf(registration.receivedOn, new Date(registration.createdAt)),
    language: registration.language,
    client: {
      name: sender.name,
      email: clientEmailOf(registration),
      ...(sender.phone ? { phone: sender.phone } : {}),
      postalAddress: sender.postalAddress,
    },
    topic: registration.topic ?? 'general',
    subject:
      registration.subject ??
      postalSubject(registration.language, registration.receivedOn, registration.registeredMailNumber),
    body: verdict.text,
    attachments: [
      {
        key: scanKey(deps.scansPrefix, registration.id),
        filename: registration.file.filename,
        contentType: scanContentTypes[verdict.kind],
        size: arrival.size,
        inline: false,
      },
    ],
    postal: {
      registrationId: registration.id,
      receivedOn: registration.receivedOn,
      ...(registration.registeredMailNumber
        ? { registeredMailNumber: registration.registeredMailNumber }
        : {}),
      registeredBy: registration.registeredBy,
      scan: { kind: verdict.kind, pages: verdict.pages, ...(verdict.ocr ? { ocr: true } : {}) },
      needsTranscription: verdict.needsTranscription,
    },
    // The ticket's CreateTicket record carries this: the mailroom's registration, not a client's address.
    origin: {
      sourceIPAddress: 'courtdesk.internal',
      userAgent: 'courtdesk/ingest-postal',
      requestId: arrival.requestId,
    },
  };
}

function refusalRecord(
  _deps: IngestPostalDeps,
  arrival: ScanArrival,
  registration: PostRegistration | undefined,
  refusal: { reason: ScanRefusalReason; detected?: string },
  at: string,
) {
  return auditRecord({
    eventTime: at,
    eventSource: auditEventSource,
    eventName: 'RefusePostalScan',
    eventType: 'AwsServiceEvent',
    userIdentity: { type: 'Service', invokedBy: 'ingest-postal' },
    sourceIPAddress: 'courtdesk.internal',
    userAgent: 'courtdesk/ingest-postal',
    requestParameters: {
      key: arrival.key,
      size: arrival.size,
      ...(registration ? { registrationId: registration.id, registeredBy: registration.registeredBy } : {}),
    },
    responseElements: { reason: refusal.reason, ...(refusal.detected ? { detected: refusal.detected } : {}) },
    requestID: arrival.requestId,
    eventID: stableId(arrival.key, registration?.id ?? '', 'RefusePostalScan'),
    readOnly: false,
    resources: [],
    errorCode: 'ScanRefused',
    errorMessage: refusal.reason,
  });
}

/** The scan's object is not in the bucket (yet): retried, then the on-failure destination. */
export class ScanMissing extends Error {
  constructor(key: string) {
    super(`No object at ${key}`);
    this.name = 'ScanMissing';
  }
}

/** A refusal lost to another delivery that settled the registration otherwise: retried (and then accepted). */
export class ScanSettledElsewhere extends Error {
  constructor(id: string) {
    super(`Registration ${id} was settled by another delivery`);
    this.name = 'ScanSettledElsewhere';
  }
}

/** An accepted scan was replaced by something unreadable: the ticket keeps the first. */
export class ScanChangedAfterAcceptance extends Error {
  constructor(id: string) {
    super(`The scan of registration ${id} changed after it was accepted`);
    this.name = 'ScanChangedAfterAcceptance';
  }
}
