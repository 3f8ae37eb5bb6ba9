/**
 * The mailroom: registering the letters that arrive on paper, watching
 * their scans be accepted or refused, and posting the letters courtdesk prints for clients without
 * an email address. Only the `mailroom` role; every call is audited (reads of the registrations
 * and letters too: they name clients).
 */
import { randomUUID } from 'node:crypto';
import { localDate } from '../domain/deadlines.ts';
import { sha256Hex, stableId } from '../domain/ids.ts';
import type { Language } from '../domain/language.ts';
import {
  maxRegistrationDelayDays,
  maxScanPages,
  type PostRegistration,
  plausibleReceipt,
  scanKey,
} from '../domain/postal-registration.ts';
import { accessDenied, notFound, Refused } from '../domain/refused.ts';
import { sanitizeFilename } from '../domain/reply-attachments.ts';
import { scanContentTypes } from '../domain/scan-type.ts';
import { scanRefusalMessage } from '../i18n/postal-messages.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { LetterRecord, LetterState, PostalDesk } from '../ports/postal.ts';
import type { DownloadLinks, UploadTargets } from '../ports/uploads.ts';
import { type PageRequest, pageLimit, pageOf } from './paging.ts';
import { megabytes, signedUpload } from './signed-upload.ts';
import { recordRead, type StaffCaller, staffAction, staffAudit } from './staff-audit.ts';
import { fieldsRefused, type StaffFieldError } from './staff-desk.ts';
import type {
  LetterResponse,
  LetterView,
  PostRegistrationListResponse,
  PostRegistrationResponse,
  PostRegistrationView,
} from './views/post.ts';
import type { RegisterPostRequest } from './views/requests.ts';

export interface MailroomDeps {
  readonly postal: PostalDesk;
  readonly uploads: UploadTargets;
  readonly downloads: DownloadLinks;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly scansPrefix: string;
  /** The largest scan accepted, in bytes (the upload is signed for the announced length). */
  readonly maxScanBytes: number;
}

/** Refuses (`AccessDenied`, 403) anyone without the `mailroom` role. */
export function assertMailroom(caller: StaffCaller): void {
  if (!caller.roles.includes('mailroom')) throw accessDenied();
}

/** No registration of that id: `RegistrationNotFound` (404). */
export const registrationNotFound = (): Refused => notFound('RegistrationNotFound');

/** No letter of that id on that ticket: `LetterNotFound` (404). */
export const letterNotFound = (): Refused => notFound('LetterNotFound');

const acceptedTypes = new Set(Object.values(scanContentTypes));

/**
 * Registers a letter and signs the upload of its scan (5 minutes, type and length signed, never
 * over an existing scan). With an idempotency key a retry gets the same registration (and a new
 * upload URL while its scan has not arrived).
 */
export async function registerPost(
  deps: MailroomDeps,
  caller: StaffCaller,
  request: RegisterPostRequest,
  language: Language,
  idempotencyKey?: string,
): Promise<PostRegistrationResponse> {
  assertMailroom(caller);
  const now = deps.clock.now();
  const errors: StaffFieldError[] = [];
  if (!plausibleReceipt(request.receivedOn, now))
    errors.push({
      field: 'receivedOn',
      key: 'staff.post.receivedOn',
      values: { days: String(maxRegistrationDelayDays) },
    });
  const contentType = request.file.contentType.trim().toLowerCase();
  if (!acceptedTypes.has(contentType)) errors.push({ field: 'file.contentType', key: 'staff.post.fileType' });
  if (request.file.size < 1) errors.push({ field: 'file.size', key: 'staff.post.empty' });
  else if (request.file.size > deps.maxScanBytes)
    errors.push({
      field: 'file.size',
      key: 'staff.post.tooLarge',
      values: { limit: megabytes(deps.maxScanBytes) },
    });
  const filename = sanitizeFilename(request.file.filename) || 'scan';
  if (errors.length) throw fieldsRefused(errors);

  const id = idempotencyKey ? stableId('post', caller.username, idempotencyKey) : randomUUID();
  const fingerprint = sha256Hex(JSON.stringify(request));
  const earlier = idempotencyKey ? await deps.postal.getRegistration(id) : undefined;
  // A key reused for another letter is refused, never answered with the first one's upload.
  if (earlier && earlier.fingerprint !== fingerprint) throw new Refused('IdempotencyMismatch', 422);
  const registration: PostRegistration = earlier ?? {
    id,
    state: 'awaiting-scan',
    createdAt: now.toISOString(),
    registeredBy: caller.username,
    sender: {
      name: request.name.trim(),
      postalAddress: {
        addressLine: request.address.addressLine,
        place: request.address.place,
        postalCode: request.address.postalCode,
        ...(request.address.country?.trim() ? { country: request.address.country.trim() } : {}),
      },
      ...(request.email?.trim() ? { email: request.email.trim() } : {}),
      ...(request.phone?.trim() ? { phone: request.phone.trim() } : {}),
    },
    receivedOn: request.receivedOn,
    ...(request.registeredMailNumber?.trim()
      ? { registeredMailNumber: request.registeredMailNumber.trim().toUpperCase() }
      : {}),
    ...(request.subject?.trim() ? { subject: request.subject.trim() } : {}),
    ...(request.topic ? { topic: request.topic } : {}),
    language: request.language ?? 'lv',
    file: { filename, contentType, size: request.file.size },
    fingerprint,
  };
  if (!earlier) {
    await deps.postal.register(
      registration,
      staffAudit(caller, {
        eventName: 'RegisterPost',
        eventTime: now.toISOString(),
        readOnly: false,
        // The sender's name and address stay on the registration: the trail has its id.
        requestParameters: {
          registrationId: id,
          receivedOn: registration.receivedOn,
          contentType,
          size: request.file.size,
          withEmail: Boolean(registration.sender.email),
          ...(registration.registeredMailNumber
            ? { registeredMailNumber: registration.registeredMailNumber }
            : {}),
        },
        responseElements: { key: scanKey(deps.scansPrefix, id) },
        eventID: stableId(id, 'RegisterPost'),
      }),
    );
  }
  const view = registrationView(registration, language, deps.maxScanBytes);
  if (registration.state !== 'awaiting-scan') return { registration: view };
  const upload = await signedUpload(
    deps.uploads,
    scanKey(deps.scansPrefix, id),
    {
      contentType: registration.file.contentType,
      size: registration.file.size,
      metadata: {},
      ifNoneMatch: true,
    },
    now,
  );
  return { registration: view, upload };
}

export async function readRegistration(
  deps: MailroomDeps,
  caller: StaffCaller,
  id: string,
  language: Language,
): Promise<PostRegistrationResponse> {
  assertMailroom(caller);
  const registration = await deps.postal.getRegistration(id);
  if (!registration) throw registrationNotFound();
  await recordRead(deps, caller, {
    eventName: 'GetPostRegistration',
    references: registration.reference ? [registration.reference] : [],
    requestParameters: { registrationId: id },
    responseElements: { state: registration.state },
  });
  return { registration: registrationView(registration, language, deps.maxScanBytes) };
}

export async function listRegistrations(
  deps: MailroomDeps,
  caller: StaffCaller,
  page: PageRequest,
  language: Language,
): Promise<PostRegistrationListResponse> {
  assertMailroom(caller);
  const result = await deps.postal.listRegistrations({
    limit: pageLimit(page.limit),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  await recordRead(deps, caller, {
    eventName: 'ListPostRegistrations',
    references: result.items.flatMap((item) => (item.reference ? [item.reference] : [])),
    responseElements: { count: result.items.length },
  });
  const items = result.items.map((item) => registrationView(item, language, deps.maxScanBytes));
  return pageOf(items, result.cursor);
}

export async function listLetters(
  deps: MailroomDeps,
  caller: StaffCaller,
  request: PageRequest & { readonly state?: LetterState | undefined },
): Promise<{ items: LetterView[]; cursor?: string }> {
  assertMailroom(caller);
  const state = request.state ?? 'pending';
  const result = await deps.postal.listLetters(state, {
    limit: pageLimit(request.limit),
    ...(request.cursor ? { cursor: request.cursor } : {}),
  });
  await recordRead(deps, caller, {
    eventName: 'ListLetters',
    references: result.items.map((item) => item.reference),
    requestParameters: { state },
    responseElements: { count: result.items.length },
  });
  return pageOf(result.items.map(letterView), result.cursor);
}

export async function readLetter(
  deps: MailroomDeps,
  caller: StaffCaller,
  reference: string,
  letterId: string,
): Promise<LetterResponse> {
  assertMailroom(caller);
  const letter = await deps.postal.getLetter(reference, letterId);
  if (!letter) throw letterNotFound();
  await recordRead(deps, caller, {
    eventName: 'GetLetter',
    references: [reference],
    requestParameters: { reference, letterId, competence: letter.competence },
  });
  return { letter: await withLinks(deps, letter) };
}

/** Records that the letter was posted (once), with the registered-mail number if it went so. */
export async function dispatchLetter(
  deps: MailroomDeps,
  caller: StaffCaller,
  reference: string,
  letterId: string,
  request: { registeredMailNumber?: string | undefined; dispatchedOn?: string | undefined },
): Promise<LetterResponse> {
  assertMailroom(caller);
  const letter = await deps.postal.getLetter(reference, letterId);
  if (!letter) throw letterNotFound();
  if (letter.dispatch) throw new Refused('LetterDispatched', 409);
  const now = deps.clock.now();
  const today = localDate(now);
  const dispatchedOn = request.dispatchedOn ?? today;
  if (dispatchedOn > today || dispatchedOn < localDate(new Date(letter.createdAt)))
    throw fieldsRefused([{ field: 'dispatchedOn', key: 'staff.post.dispatchedOn' }]);
  const number = request.registeredMailNumber?.trim().toUpperCase();
  const dispatch = {
    by: caller.username,
    at: now.toISOString(),
    dispatchedOn,
    ...(number ? { registeredMailNumber: number } : {}),
  };
  const recorded = await deps.postal.dispatch(
    letter,
    dispatch,
    staffAction(caller, {
      eventName: 'DispatchLetter',
      eventTime: dispatch.at,
      reference,
      requestParameters: { letterId, dispatchedOn, ...(number ? { registeredMailNumber: number } : {}) },
      eventID: stableId(reference, letterId, 'DispatchLetter'),
    }),
  );
  if (!recorded) throw new Refused('LetterDispatched', 409);
  return { letter: await withLinks(deps, { ...letter, dispatch }) };
}

async function withLinks(deps: MailroomDeps, letter: LetterRecord): Promise<LetterResponse['letter']> {
  return {
    ...letterView(letter),
    downloadUrl: await deps.downloads.link(letter.key, `${letter.reference}-${letter.letterId}.pdf`),
    enclosureLinks: await Promise.all(
      (letter.enclosures ?? []).map(async (file) => ({
        filename: file.filename,
        url: await deps.downloads.link(file.key, file.filename),
      })),
    ),
  };
}

function letterView(letter: LetterRecord): LetterView {
  return {
    reference: letter.reference,
    letterId: letter.letterId,
    kind: letter.kind,
    createdAt: letter.createdAt,
    recipientName: letter.recipientName,
    competence: letter.competence,
    size: letter.size,
    enclosures: letter.enclosures?.length ?? 0,
    ...(letter.dispatch ? { dispatch: { ...letter.dispatch } } : {}),
  };
}

export function registrationView(
  registration: PostRegistration,
  language: Language,
  maxScanBytes: number,
): PostRegistrationView {
  const { refusal, sender } = registration;
  return {
    id: registration.id,
    state: registration.state,
    createdAt: registration.createdAt,
    registeredBy: registration.registeredBy,
    sender: {
      name: sender.name,
      postalAddress: { ...sender.postalAddress },
      ...(sender.email ? { email: sender.email } : {}),
      ...(sender.phone ? { phone: sender.phone } : {}),
    },
    receivedOn: registration.receivedOn,
    ...(registration.registeredMailNumber ? { registeredMailNumber: registration.registeredMailNumber } : {}),
    ...(registration.subject ? { subject: registration.subject } : {}),
    ...(registration.topic ? { topic: registration.topic } : {}),
    language: registration.language,
    file: { ...registration.file },
    ...(registration.reference ? { reference: registration.reference } : {}),
    ...(registration.scan ? { scan: { ...registration.scan } } : {}),
    ...(refusal
      ? {
          refusal: {
            reason: refusal.reason,
            ...(refusal.detected ? { detected: refusal.detected } : {}),
            message: scanRefusalMessage(language, refusal.reason, {
              limit: megabytes(maxScanBytes),
              pages: String(maxScanPages),
              ...(refusal.detected ? { detected: refusal.detected } : {}),
            }),
          },
        }
      : {}),
    ...(registration.settledAt ? { settledAt: registration.settledAt } : {}),
  };
}
