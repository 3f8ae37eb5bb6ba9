/** One ticket: reading it and its client's others, and what staff do with it. */

import { addNote } from '../../../shared/use-cases/add-note.ts';
import { changeStatus } from '../../../shared/use-cases/change-status.ts';
import { createReplyUpload } from '../../../shared/use-cases/create-reply-upload.ts';
import { endService } from '../../../shared/use-cases/end-service.ts';
import { extendTicketDeadline } from '../../../shared/use-cases/extend-deadline.ts';
import { listTemplates } from '../../../shared/use-cases/list-templates.ts';
import { readTicket, relatedTickets, ticketAfterAction } from '../../../shared/use-cases/read-ticket.ts';
import { replyToClient } from '../../../shared/use-cases/reply-to-client.ts';
import { rerouteTicket } from '../../../shared/use-cases/reroute-ticket.ts';
import { takeOne } from '../../../shared/use-cases/take-ticket.ts';
import { transcribeScan } from '../../../shared/use-cases/transcribe-scan.ts';
import { idempotencyKey, type RouteModule } from './route.ts';

export const ticketRoutes = {
  'GET /api/staff/templates': {
    eventName: 'ListTemplates',
    tickets: true,
    run: async ({ deps, caller }) => listTemplates(deps, caller),
  },
  'GET /api/staff/tickets/{reference}': {
    eventName: 'GetTicket',
    tickets: true,
    run: async ({ deps, caller, reference }) => ({ ticket: await readTicket(deps, caller, reference) }),
  },
  'GET /api/staff/tickets/{reference}/related': {
    eventName: 'ListClientTickets',
    tickets: true,
    run: async ({ deps, caller, reference }) => ({ items: await relatedTickets(deps, caller, reference) }),
  },
  'POST /api/staff/tickets/{reference}/take': {
    eventName: 'TakeTicket',
    tickets: true,
    run: async ({ deps, caller, reference, body }) => ({
      ticket: await takeOne(deps, caller, reference, body.reason),
    }),
  },
  'POST /api/staff/tickets/{reference}/replies': {
    eventName: 'ReplyToClient',
    tickets: true,
    run: async ({ deps, caller, reference, body, event }) => {
      const reply = { text: body.text, status: body.status, attachments: body.attachments };
      return { ticket: await replyToClient(deps, caller, reference, reply, idempotencyKey(event)) };
    },
  },
  'POST /api/staff/tickets/{reference}/uploads': {
    eventName: 'CreateReplyUpload',
    tickets: true,
    run: async ({ deps, caller, reference, body }) => createReplyUpload(deps, caller, reference, body),
  },
  'POST /api/staff/tickets/{reference}/notes': {
    eventName: 'AddNote',
    tickets: true,
    run: async ({ deps, caller, reference, body, event }) => ({
      ticket: await addNote(deps, caller, reference, body.text, idempotencyKey(event)),
    }),
  },
  'POST /api/staff/tickets/{reference}/route': {
    eventName: 'RerouteTicket',
    tickets: true,
    mayAct: 'route',
    run: async ({ deps, caller, reference, body }) => {
      await rerouteTicket(deps, caller, reference, body.competence, body.reason);
      // The caller may have moved it out of their units: answer what they may still see.
      return caller.competences.includes(body.competence)
        ? { ticket: await ticketAfterAction(deps, caller, reference) }
        : { ticket: null, movedTo: body.competence };
    },
  },
  'POST /api/staff/tickets/{reference}/status': {
    eventName: 'ChangeTicketStatus',
    tickets: true,
    run: async ({ deps, caller, reference, body }) => ({
      ticket: await changeStatus(deps, caller, reference, body.status),
    }),
  },
  'POST /api/staff/tickets/{reference}/deadline': {
    eventName: 'ExtendDeadline',
    tickets: true,
    mayAct: 'deadline',
    run: async ({ deps, caller, reference, body }) => {
      await extendTicketDeadline(deps, caller, reference, body);
      return { ticket: await ticketAfterAction(deps, caller, reference) };
    },
  },
  'POST /api/staff/tickets/{reference}/end-service': {
    eventName: 'EndService',
    tickets: true,
    run: async ({ deps, caller, reference, body }) => ({
      ticket: await endService(deps, caller, reference, body.reason),
    }),
  },
  'POST /api/staff/tickets/{reference}/transcription': {
    eventName: 'TranscribeScan',
    tickets: true,
    run: async ({ deps, caller, reference, body }) => ({
      ticket: await transcribeScan(deps, caller, reference, body.text),
    }),
  },
} satisfies RouteModule;
