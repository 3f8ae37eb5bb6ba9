/**
 * A staff member answers the client: the reply joins the thread, the ticket moves to the status
 * chosen (answered unless said otherwise), and send-email delivers it through outbound.fifo — by
 * email, or printed as a letter when the client has only a postal address. With an idempotency key
 * a retried request sends nothing twice.
 */
import { stableId } from '../domain/ids.ts';
import type { OutboundMessage } from '../domain/intake-message.ts';
import { Refused } from '../domain/refused.ts';
import {
  extensionMatches,
  isAttachmentType,
  maxAttachmentBytes,
  maxReplyAttachmentBytes,
  maxReplyAttachments,
  type ReplyAttachment,
  replyUploadKey,
  sanitizeFilename,
  uploadIdPattern,
} from '../domain/reply-attachments.ts';
import { hasEmailAddress, type Ticket } from '../domain/ticket.ts';
import type { StaffMessageKey } from '../i18n/staff-messages.ts';
import { ticketAfterAction } from './read-ticket.ts';
import {
  invitesToSurvey,
  replyCarriesInvitation,
  requestSeparateInvitation,
} from './request-survey-invitation.ts';
import { megabytes } from './signed-upload.ts';
import { type StaffCaller, staffAction } from './staff-audit.ts';
import { fieldsRefused, type StaffDeskDeps } from './staff-desk.ts';
import { countTransition, messageTarget, statusChange, write } from './ticket-write.ts';
import type { TicketDetail } from './views/tickets.ts';

export interface ReplyRequest {
  readonly text: string;
  readonly status?: 'answered' | 'waiting-on-client' | 'open' | undefined;
  /** Upload ids (`createReplyUpload`) of the files to send with it. */
  readonly attachments?: readonly string[] | undefined;
}

/** Refuses a reply (or its upload) to a ticket nobody has taken, or one closed. */
export function assertRepliable(ticket: Ticket): void {
  if (ticket.status === 'new') throw new Refused('NotTaken', 409);
  if (ticket.status === 'closed') throw new Refused('Closed', 409);
}

export async function replyToClient(
  deps: StaffDeskDeps,
  caller: StaffCaller,
  reference: string,
  request: ReplyRequest,
  idempotencyKey?: string,
): Promise<TicketDetail> {
  const { ticket, id, stored } = await messageTarget(deps, caller, reference, {
    kind: 'reply',
    text: request.text,
    idempotencyKey,
  });
  const outboundId = `reply-${id}`;
  // An answer invites to the survey (§26): in its own footer or letter, or by a message after it.
  const to = request.status ?? 'answered';
  const invite = invitesToSurvey(to) && replyCarriesInvitation(deps.surveys, ticket);
  const outbound: OutboundMessage = {
    version: 1,
    kind: 'reply',
    outboundId,
    reference,
    messageId: id,
    ...(invite ? { invite: true } : {}),
  };
  const enqueue = async () => {
    await deps.outboundQueue.send(outbound, { groupId: reference, deduplicationId: outboundId });
    if (invitesToSurvey(to) && !invite) await requestSeparateInvitation(deps, ticket);
  };
  if (stored) {
    // A retried request (same Idempotency-Key): enqueue again — the queue deduplicates and
    // send-email never sends an outbound id twice — and answer as the first time.
    await enqueue();
    return ticketAfterAction(deps, caller, reference);
  }
  assertRepliable(ticket);
  // No email address: printed as a letter when the postal address is known (send-email does it);
  // with neither (a released mail whose sender could not be read), refused.
  if (!hasEmailAddress(ticket.client) && !ticket.client.postalAddress)
    throw new Refused('NoEmailAddress', 409);
  const attachments = await uploadedAttachments(deps, reference, request.attachments ?? []);
  const now = deps.clock.now();
  const at = now.toISOString();
  const result = await write(deps, ticket, {
    message: {
      id,
      kind: 'reply',
      at,
      author: caller.username,
      text: request.text.trim(),
      outboundId,
      ...(attachments.length ? { attachments } : {}),
    },
    ...(to !== ticket.status ? { statusChange: statusChange(caller, ticket, to, at) } : {}),
    audit: staffAction(caller, {
      eventName: 'ReplyToClient',
      eventTime: at,
      reference,
      requestParameters: {
        status: to,
        ...(attachments.length ? { attachments: attachments.map((file) => file.key) } : {}),
      },
      responseElements: { messageId: id, outboundId },
      eventID: stableId(id, 'ReplyToClient'),
    }),
  });
  if (result === 'duplicate') return replyToClient(deps, caller, reference, request, idempotencyKey);
  await enqueue();
  await countTransition(deps, ticket, to, now);
  return ticketAfterAction(deps, caller, reference);
}

/**
 * The reply's uploads as they are in the bucket: each must be this ticket's, exist, and be what its
 * upload was signed for (a PUT outside the signature, as an emulator would accept, is caught here),
 * within the limits of one reply.
 */
async function uploadedAttachments(
  deps: Pick<StaffDeskDeps, 'uploads'>,
  reference: string,
  uploadIds: readonly string[],
): Promise<ReplyAttachment[]> {
  if (uploadIds.length === 0) return [];
  const refuse = (key: StaffMessageKey, values?: Record<string, string>): never => {
    throw fieldsRefused([{ field: 'attachments', key, ...(values ? { values } : {}) }]);
  };
  if (uploadIds.length > maxReplyAttachments)
    refuse('staff.attachments.tooMany', { count: String(maxReplyAttachments) });
  if (new Set(uploadIds).size !== uploadIds.length || !uploadIds.every((id) => uploadIdPattern.test(id)))
    refuse('staff.attachments.invalid');
  const files = await Promise.all(
    uploadIds.map(async (uploadId): Promise<ReplyAttachment> => {
      const key = replyUploadKey(reference, uploadId);
      const object = await deps.uploads.describe(key);
      if (!object) return refuse('staff.attachments.missing');
      const filename = decodedFilename(object.metadata.filename);
      const contentType = object.contentType.toLowerCase();
      const valid =
        filename !== undefined &&
        isAttachmentType(contentType) &&
        extensionMatches(filename, contentType) &&
        object.size >= 1 &&
        String(object.size) === object.metadata.size;
      if (!valid) return refuse('staff.attachments.invalid');
      // By content: the checksum S3 checked the bytes against must be the one the upload was
      // announced and signed with; a file stored again (other bytes, or none checked) is refused.
      const sha256 = object.metadata.sha256;
      if (!sha256 || object.sha256 !== sha256) return refuse('staff.attachments.changed');
      if (object.size > maxAttachmentBytes)
        refuse('staff.upload.tooLarge', { limit: megabytes(maxAttachmentBytes) });
      return { key, filename, contentType, size: object.size, sha256 };
    }),
  );
  if (files.reduce((total, file) => total + file.size, 0) > maxReplyAttachmentBytes)
    refuse('staff.attachments.tooLarge', { limit: megabytes(maxReplyAttachmentBytes) });
  return files;
}

/** The name an upload was signed with, if it is still a sanitized one. */
function decodedFilename(encoded: string | undefined): string | undefined {
  if (!encoded) return undefined;
  try {
    const filename = decodeURIComponent(encoded);
    return filename && sanitizeFilename(filename) === filename ? filename : undefined;
  } catch {
    return undefined;
  }
}
