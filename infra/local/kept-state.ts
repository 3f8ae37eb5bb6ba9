/**
 * What the sandbox keeps across a restart besides DynamoDB's own files: the messages still queued
 * at stop (fauxqs keeps SQS in memory only) and the SES mailbox (aws-ses-v2-local's store).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queues } from '../inventory.ts';
import type { SqsEmulator } from './emulators.ts';

const require = createRequire(import.meta.url);

interface SavedMessage {
  readonly body: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  /** Epoch ms until which it is delayed (journaled messages). */
  readonly delayUntil?: number;
}

/** Writes every message still in a queue (visible, delayed or in flight) so the next start re-sends it. */
export function saveQueues(sqs: SqsEmulator, file: string): number {
  const saved: Record<string, SavedMessage[]> = {};
  let count = 0;
  for (const queue of queues) {
    for (const name of [queue.name, queue.deadLetterName]) {
      const state = sqs.server.inspectQueue(name);
      if (!state) continue;
      const messages = [
        ...state.messages.ready,
        ...state.messages.delayed,
        ...state.messages.inflight.map((entry) => entry.message),
      ].map((message) => ({
        body: message.body,
        ...(message.messageGroupId ? { groupId: message.messageGroupId } : {}),
        ...(message.messageDeduplicationId ? { deduplicationId: message.messageDeduplicationId } : {}),
      }));
      if (messages.length) saved[name] = messages;
      count += messages.length;
    }
  }
  if (count) writeFileSync(file, JSON.stringify(saved));
  else rmSync(file, { force: true });
  return count;
}

export async function restoreQueues(
  client: SQSClient,
  urls: Record<string, { url: string; deadLetterUrl: string }>,
  file: string,
): Promise<void> {
  if (!existsSync(file)) return;
  await requeue(client, urls, JSON.parse(readFileSync(file, 'utf8')) as Record<string, SavedMessage[]>);
  rmSync(file, { force: true });
}

/** Sends messages again to the queues (by name) they were in: a FIFO group's in their order. */
export async function requeue(
  client: SQSClient,
  urls: Record<string, { url: string; deadLetterUrl: string }>,
  saved: Readonly<Record<string, readonly SavedMessage[]>>,
): Promise<void> {
  for (const queue of queues) {
    const url = urls[queue.id];
    if (!url) continue;
    for (const [name, target] of [
      [queue.name, url.url],
      [queue.deadLetterName, url.deadLetterUrl],
    ] as const) {
      const messages = saved[name] ?? [];
      for (let i = 0; i < messages.length; i += 10) {
        await client.send(
          new SendMessageBatchCommand({
            QueueUrl: target,
            Entries: messages.slice(i, i + 10).map((message, j) => ({
              Id: String(j),
              MessageBody: message.body,
              // A standard queue takes neither group nor deduplication id, but a message's own
              // delay (what is left of it); a FIFO queue takes no message delay.
              ...(queue.type === 'standard'
                ? delayLeft(message)
                : {
                    MessageGroupId: message.groupId ?? 'restored',
                    MessageDeduplicationId: message.deduplicationId ?? `restored-${i + j}-${Date.now()}`,
                  }),
            })),
          }),
        );
      }
    }
  }
}

function delayLeft(message: SavedMessage): { DelaySeconds?: number } {
  if (!message.delayUntil) return {};
  const seconds = Math.ceil((message.delayUntil - Date.now()) / 1000);
  return seconds > 0 ? { DelaySeconds: Math.min(900, seconds) } : {};
}

interface MailboxStore {
  getStoreReadonly(): { emails: unknown[] };
  saveEmail(email: unknown): void;
}

export function mailboxStore(): MailboxStore {
  return require('aws-ses-v2-local/dist/store') as MailboxStore;
}

export function saveMailbox(file: string): void {
  writeFileSync(file, JSON.stringify(mailboxStore().getStoreReadonly().emails));
}

export function restoreMailbox(file: string): void {
  if (!existsSync(file)) return;
  const store = mailboxStore();
  if (store.getStoreReadonly().emails.length) return;
  for (const email of JSON.parse(readFileSync(file, 'utf8')) as unknown[]) store.saveEmail(email);
}

/**
 * Removes the mail stored before `before` (SES's `at`, epoch seconds) from the emulator's store,
 * in place: the emulator hands out its list, and its `/store` answers from it. Answers how many.
 */
export function pruneMailbox(before: Date): number {
  const emails = mailboxStore().getStoreReadonly().emails as { at?: unknown }[];
  const aged = (email: { at?: unknown }) =>
    typeof email.at === 'number' && email.at * 1000 < before.getTime();
  let kept = 0;
  for (const email of emails) if (!aged(email)) emails[kept++] = email;
  const pruned = emails.length - kept;
  emails.length = kept;
  return pruned;
}
