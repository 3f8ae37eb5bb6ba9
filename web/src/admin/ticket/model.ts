/**
 * What the ticket view's sections share: the ticket with what staff have typed into it, the
 * handlers of its actions, and a few small rules.
 */
import type {
  AnswerTemplate,
  TicketDetail,
  TicketListResponse,
} from '../../../../shared/http/staff-contract.ts';
import type { Result } from '../api.ts';
import type { KnowledgeHit } from '../knowledge/api.ts';
import type { ViewContext } from '../shell.ts';
import type { TextKey } from '../texts.ts';

/** What staff have typed and not sent yet; it survives re-renders and language switches. */
export interface Draft {
  reply: string;
  replyStatus: 'answered' | 'waiting-on-client' | 'open';
  /** Files chosen for the reply, uploaded when it is sent. */
  replyFiles: File[];
  note: string;
  templateId: string;
  /** The callback's outcome and note, and a scan's text being typed in. */
  callbackOutcome: '' | 'reached' | 'not-reached';
  callbackNote: string;
  transcription: string;
  /** The reply editor's knowledge base search, and what it found. */
  knowledgeQuery: string;
  knowledgeHits?: readonly KnowledgeHit[];
}

export function emptyDraft(): Draft {
  return {
    reply: '',
    replyStatus: 'answered',
    replyFiles: [],
    note: '',
    templateId: '',
    callbackOutcome: '',
    callbackNote: '',
    transcription: '',
    knowledgeQuery: '',
  };
}

export interface TicketHandlers {
  take(): void;
  reply(form: HTMLFormElement): void;
  note(form: HTMLFormElement): void;
  status(form: HTMLFormElement): void;
  route(): void;
  deadline(): void;
  endService(): void;
  insertTemplate(): void;
  /** Published knowledge base entries for the reply, in the ticket's language. */
  searchKnowledge(query: string): Promise<Result<readonly KnowledgeHit[]>>;
  /** Puts `text` into the reply at the cursor; `title` names it in the confirmation. */
  insertIntoReply(text: string, title: string): void;
  showRemoteImages(entryId: string): void;
  related(): Promise<Result<TicketListResponse>>;
  callback(form: HTMLFormElement): void;
  transcribe(form: HTMLFormElement): void;
  /** Corrects the client's data (rectification). */
  correctClient(form: HTMLFormElement): void;
}

export interface TicketViewOptions {
  readonly ticket: TicketDetail;
  readonly context: ViewContext;
  readonly backHref: string;
  readonly templates: readonly AnswerTemplate[];
  readonly draft: Draft;
  /** Thread entries whose remote images staff chose to see. */
  readonly remoteImages: ReadonlySet<string>;
  readonly handlers: TicketHandlers;
}

export const noticeKeys: Record<string, TextKey> = {
  acknowledgement: 'notice.acknowledgement',
  'reroute-notice': 'notice.reroute-notice',
  'deadline-extension': 'notice.deadline-extension',
  'end-service': 'notice.end-service',
};

/** Whether the server allows `action` on the ticket now. */
export function can(view: TicketViewOptions, action: TicketDetail['actions'][number]): boolean {
  return view.ticket.actions.includes(action);
}

/** Ids of thread entries are the server's; only letters, digits, `-` and `_` go into element ids. */
export function cssSafe(value: string): string {
  return value.replace(/[^\w-]/g, '_');
}
