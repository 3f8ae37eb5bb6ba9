/**
 * A paper letter as the mailroom registers it: who sent it and from where, the day it
 * arrived (its deadlines count from that day), the registered-mail number, and the scan uploaded
 * for it. The registration exists before its scan: the scan's S3 event finds it by the id in the
 * key (`scans/<id>`), and ingest-postal settles it — `accepted` with the ticket's reference, or
 * `refused` with the reason the mailroom's page shows.
 */
import { sha256Hex } from './ids.ts';
import type { Language } from './language.ts';
import type { PostalAddress } from './postal-address.ts';
import type { ScanKind } from './scan-type.ts';
import type { TopicId } from './topics.ts';
import { addDays, localDate, timeZone } from './working-days.ts';

export type RegistrationState = 'awaiting-scan' | 'accepted' | 'refused';

/** Why a scan was not accepted: what inspecting it found, or that it belongs to no registration. */
export type ScanRefusalReason =
  | 'empty'
  | 'too-large'
  | 'unsupported-type'
  | 'executable'
  | 'pdf-encrypted'
  | 'pdf-corrupt'
  | 'image-corrupt'
  | 'too-many-pages'
  | 'unregistered';

export interface PostalSender {
  readonly name: string;
  readonly postalAddress: PostalAddress;
  readonly email?: string;
  readonly phone?: string;
}

export interface PostRegistration {
  /** A UUID, given by the staff API; the scan's key is `scans/<id>`. */
  readonly id: string;
  readonly state: RegistrationState;
  readonly createdAt: string;
  /** The mailroom member who registered it. */
  readonly registeredBy: string;
  readonly sender: PostalSender;
  /** The day the letter arrived, `YYYY-MM-DD` in Europe/Riga. */
  readonly receivedOn: string;
  readonly registeredMailNumber?: string;
  /** What the mailroom wrote as the letter's subject, if anything. */
  readonly subject?: string;
  /** The topic, when the mailroom could tell; otherwise routing reads the letter's text. */
  readonly topic?: TopicId;
  readonly language: Language;
  /** The file as announced (the upload is signed for exactly this type and length). */
  readonly file: { readonly filename: string; readonly contentType: string; readonly size: number };
  /** Accepted: the ticket's reference and what the scan held. */
  readonly reference?: string;
  readonly scan?: {
    readonly kind: ScanKind;
    readonly pages: number;
    readonly needsTranscription: boolean;
    /** Its text was read by OCR. */
    readonly ocr?: boolean;
  };
  /** Refused: why, and what the file was when it was recognisably something else. */
  readonly refusal?: { readonly reason: ScanRefusalReason; readonly detected?: string };
  /** When ingest-postal settled it. */
  readonly settledAt?: string;
  /** SHA-256 of the request it was registered with: a retry with its idempotency key must match. */
  readonly fingerprint?: string;
}

export const registrationIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function scanKey(scansPrefix: string, id: string): string {
  return `${scansPrefix}${id}`;
}

/** The registration id a scan's key names, or undefined for a key that is not `scans/<uuid>`. */
export function registrationIdOf(scansPrefix: string, key: string): string | undefined {
  if (!key.startsWith(scansPrefix)) return undefined;
  const id = key.slice(scansPrefix.length);
  return registrationIdPattern.test(id) ? id : undefined;
}

/** The most pages a scan may have (a longer one is split into several registrations). */
export const maxScanPages = 200;

/** How far back a letter's arrival may be registered: older post is a matter for a supervisor. */
export const maxRegistrationDelayDays = 60;

/** Whether `receivedOn` is a day the letter can have arrived: not after today, not long before. */
export function plausibleReceipt(receivedOn: string, now: Date): boolean {
  const today = localDate(now);
  return receivedOn <= today && receivedOn >= addDays(today, -maxRegistrationDelayDays);
}

/**
 * The instant a letter counts as received: the registration's own time when it arrived today,
 * otherwise the start of the day it arrived (Riga time) — so that it queues ahead of everything
 * that came later (§21) and its deadlines count from that day (§5.3).
 */
export function receivedAtOf(receivedOn: string, registeredAt: Date): string {
  if (localDate(registeredAt) === receivedOn) return registeredAt.toISOString();
  return startOfRigaDay(receivedOn).toISOString();
}

/** Midnight of `date` in Europe/Riga (UTC+2, or UTC+3 in summer) as an instant. */
export function startOfRigaDay(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  for (const hours of [2, 3, 1, 4]) {
    const candidate = new Date(utcMidnight - hours * 3600_000);
    if (localDate(candidate) === date && localDate(new Date(candidate.getTime() - 1)) !== date)
      return candidate;
  }
  throw new Error(`No start of ${date} in ${timeZone}`);
}

/**
 * The address that stands for a client who gave no email address: in the reserved `.invalid`
 * domain (so nothing is ever sent to it, see `hasEmailAddress`), the same for the same sender, so
 * that one person's letters (or calls from one number) are found together and queued in order.
 */
export function placeholderEmail(kind: 'post' | 'phone', identity: readonly string[]): string {
  const normalised = identity.map((part) => part.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' '));
  return `${kind}-${sha256Hex(normalised.join('\u0000')).slice(0, 24)}@${kind}.invalid`;
}
