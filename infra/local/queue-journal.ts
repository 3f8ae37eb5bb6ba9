/**
 * A write-ahead journal of the sandbox's queues, so that `kill -9` loses no accepted message
 * (issue 20): fauxqs keeps SQS in memory and the sandbox saves its queues only on a clean stop
 * (`kept-state.ts`), so without this a 202 from the web form could vanish with the process.
 *
 * Every message a queue takes (a send, a batch entry, a move to its dead-letter queue) is appended
 * to `queues.journal` in the data folder before the emulator answers, and every delete and purge
 * after it happens: the journal's live messages are exactly what the queues hold. Appends are
 * synchronous `write`s to the file — they survive the process being killed (the kernel holds them),
 * not a power cut (no fsync per message: this is a development sandbox; say so, do not pretend).
 * The journal is rewritten with its live messages only when deleted ones dominate, so consumed
 * messages (and their personal data) do not pile up in it; a clean stop removes it once the queues
 * are saved.
 *
 * At start, a journal left by a killed run is renamed `queues.journal.<time>.replay` and its live
 * messages are sent again (`recovered`), FIFO groups in their order; the replay files go once sent.
 * Killed again mid-replay, the next start sends both files' live messages: a message may then come
 * twice, which the handlers' idempotency absorbs (a queue message is not a ticket).
 *
 * fauxqs has no hook for this: its queue class's `enqueue`, `deleteMessage` and `purge` are wrapped
 * (an internal module, reached by path: pinned fauxqs version, checked by the journal's tests).
 */
import {
  appendFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A message as the journal keeps it (and `restoreQueues` sends it again). */
export interface JournalMessage {
  readonly body: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  /** Epoch ms until which it was delayed, if it was. */
  readonly delayUntil?: number;
}

type Line =
  | ({ readonly e: 'q'; readonly q: string; readonly id: string } & JournalMessage)
  | { readonly e: 'd'; readonly id: string }
  | { readonly e: 'p'; readonly q: string };

interface FauxqsMessage {
  messageId: string;
  body: string;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  delayUntil?: number;
}

interface FauxqsQueue {
  name: string;
  url: string;
  inflightMessages: Map<string, { message: FauxqsMessage }>;
  enqueue(message: FauxqsMessage): void;
  deleteMessage(receiptHandle: string): unknown;
  purge(): void;
}

/** The live messages of journal text, by queue name, in the order they were first taken. */
export function liveMessages(text: string): Record<string, JournalMessage[]> {
  const live = new Map<string, { queue: string; message: JournalMessage }>();
  for (const raw of text.split('\n')) {
    if (!raw) continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      // A line cut by the kill: its write never finished, so the emulator never answered it.
      continue;
    }
    if (line.e === 'q') {
      const { e: _e, q, id, ...message } = line;
      // A move to the dead-letter queue keeps the message's place, in its new queue.
      const known = live.get(id);
      if (known) live.set(id, { queue: q, message: known.message });
      else live.set(id, { queue: q, message });
    } else if (line.e === 'd') live.delete(line.id);
    else for (const [id, entry] of live) if (entry.queue === line.q) live.delete(id);
  }
  const byQueue: Record<string, JournalMessage[]> = {};
  for (const { queue, message } of live.values()) byQueue[queue] = [...(byQueue[queue] ?? []), message];
  return byQueue;
}

/** Journals, by the port of the fauxqs server whose queues they keep. */
const journals = new Map<string, Journal>();

class Journal {
  readonly #file: string;
  /** Live message ids and the journal line that took each (for the rewrite). */
  readonly #live = new Map<string, string>();
  #lines = 0;

  constructor(file: string) {
    this.#file = file;
    writeFileSync(file, '');
  }

  taken(queue: string, message: FauxqsMessage): void {
    const line = JSON.stringify({
      e: 'q',
      q: queue,
      id: message.messageId,
      body: message.body,
      ...(message.messageGroupId ? { groupId: message.messageGroupId } : {}),
      ...(message.messageDeduplicationId ? { deduplicationId: message.messageDeduplicationId } : {}),
      ...(message.delayUntil ? { delayUntil: message.delayUntil } : {}),
    });
    this.#append(line);
    this.#live.set(message.messageId, line);
  }

  deleted(messageId: string): void {
    if (!this.#live.delete(messageId)) return;
    this.#append(JSON.stringify({ e: 'd', id: messageId }));
    // Rewritten with the live messages only once most of it is consumed messages.
    if (this.#lines > 1000 && this.#lines > 4 * this.#live.size) this.#rewrite();
  }

  purged(queue: string): void {
    this.#append(JSON.stringify({ e: 'p', q: queue }));
    for (const [id, line] of this.#live)
      if ((JSON.parse(line) as { q: string }).q === queue) this.#live.delete(id);
  }

  close(): void {
    rmSync(this.#file, { force: true });
  }

  #append(line: string): void {
    appendFileSync(this.#file, `${line}\n`);
    this.#lines += 1;
  }

  #rewrite(): void {
    const temporary = `${this.#file}.rewrite`;
    writeFileSync(temporary, [...this.#live.values()].map((line) => `${line}\n`).join(''));
    // Atomic: the journal is whole before and after, whenever the process dies.
    renameSync(temporary, this.#file);
    this.#lines = this.#live.size;
  }
}

let wrapped: Promise<void> | undefined;

/** Wraps fauxqs's queue class once per process; each call then finds its server's journal by port. */
function wrapFauxqs(): Promise<void> {
  wrapped ??= (async () => {
    // Its package exports its app only: the store module is reached beside it.
    const app = fileURLToPath(import.meta.resolve('fauxqs'));
    const store = (await import(pathToFileURL(join(dirname(app), 'sqs', 'sqsStore.js')).href)) as {
      SqsQueue: { prototype: FauxqsQueue };
    };
    const prototype = store.SqsQueue.prototype;
    const journalOf = (queue: FauxqsQueue) => journals.get(new URL(queue.url).port);
    const { enqueue, deleteMessage, purge } = prototype;
    if (typeof enqueue !== 'function' || typeof deleteMessage !== 'function' || typeof purge !== 'function')
      throw new Error('fauxqs changed: its queue class has no enqueue/deleteMessage/purge to journal');
    prototype.enqueue = function (this: FauxqsQueue, message: FauxqsMessage) {
      journalOf(this)?.taken(this.name, message);
      return enqueue.call(this, message);
    };
    prototype.deleteMessage = function (this: FauxqsQueue, receiptHandle: string) {
      const entry = this.inflightMessages.get(receiptHandle);
      const result = deleteMessage.call(this, receiptHandle);
      if (entry) journalOf(this)?.deleted(entry.message.messageId);
      return result;
    };
    prototype.purge = function (this: FauxqsQueue) {
      purge.call(this);
      journalOf(this)?.purged(this.name);
    };
  })();
  return wrapped;
}

export interface QueueJournal {
  /** The live messages a killed run left, by queue name: to be sent again, then `replayed()`. */
  readonly recovered: Record<string, JournalMessage[]>;
  /** How many that is. */
  readonly recoveredCount: number;
  /** The recovered messages are queued again: their replay files go. */
  replayed(): void;
  /** A clean stop saved the queues: the journal goes. */
  close(): void;
}

/**
 * Starts journaling the queues of the fauxqs server on `port` into `file`, and reads what a killed
 * run left in it.
 */
export async function openQueueJournal(file: string, port: number): Promise<QueueJournal> {
  await wrapFauxqs();
  const folder = dirname(file);
  const name = basename(file);
  if (existsSync(file)) renameSync(file, `${file}.${Date.now()}.replay`);
  const replays = readdirSync(folder)
    .filter((entry) => entry.startsWith(`${name}.`) && entry.endsWith('.replay'))
    .sort()
    .map((entry) => join(folder, entry));
  const recovered = liveMessages(replays.map((replay) => readFileSync(replay, 'utf8')).join('\n'));
  const journal = new Journal(file);
  journals.set(String(port), journal);
  return {
    recovered,
    recoveredCount: Object.values(recovered).reduce((sum, messages) => sum + messages.length, 0),
    replayed: () => {
      for (const replay of replays) rmSync(replay, { force: true });
    },
    close: () => {
      journals.delete(String(port));
      journal.close();
    },
  };
}
