/** Reading the sandbox's state from tests: tickets in DynamoDB Local and mail in the SES store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../infra/local/sandbox.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';

export interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  headers?: { name: string; value: string }[];
}

/**
 * A staff access token for one of the sandbox's seeded users (`GET /local/users`), from its local
 * issuer (`POST /local/token`); fails when the sandbox refuses.
 */
export async function staffToken(sandbox: Pick<Sandbox, 'urls'>, username: string): Promise<string> {
  const response = await fetch(`${sandbox.urls.web}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (response.status !== 200) throw new Error(`No token for ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export function sandboxClient(sandbox: Sandbox) {
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: sandbox.urls.dynamodb,
      region: localRegion,
      credentials: localCredentials,
    }),
  );
  const store = new DynamoTicketStore({
    client: documents,
    ticketsTable: sandbox.tableNames.tickets ?? 'tickets',
    auditTable: sandbox.tableNames.audit ?? 'audit',
  });
  return {
    documents,
    /** The ticket as the application reads it (through the DynamoDB adapter). */
    async ticket(reference: string): Promise<Record<string, unknown> | undefined> {
      return (await store.getTicket(reference)) as Record<string, unknown> | undefined;
    },
    async ticketsOf(email: string): Promise<Record<string, unknown>[]> {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new ScanCommand({
            TableName: sandbox.tableNames.tickets,
            FilterExpression: '#type = :ticket AND client.email = :email',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':ticket': 'ticket', ':email': email },
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    },
    /** The audit records (the items of the `AUDIT#` hour partitions, not the ticket index items). */
    async auditRecords(): Promise<Record<string, unknown>[]> {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new ScanCommand({
            TableName: sandbox.tableNames.audit,
            FilterExpression: 'begins_with(pk, :records)',
            ExpressionAttributeValues: { ':records': 'AUDIT#' },
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    },
    async emailsTo(address: string): Promise<StoredEmail[]> {
      const response = await fetch(`${sandbox.urls.mailbox}/store`);
      const store = (await response.json()) as { emails: StoredEmail[] };
      return store.emails.filter((email) => email.destination.to.includes(address));
    },
    destroy() {
      documents.destroy();
    },
  };
}

export type SandboxClient = ReturnType<typeof sandboxClient>;

/** A test file's own sandbox, its client and data folder: set once the file's `beforeAll` ran. */
export interface SandboxSuite {
  readonly sandbox: Sandbox;
  readonly client: SandboxClient;
  readonly dataDir: string;
}

/**
 * Starts a sandbox for the calling test file in a fresh data folder (`<prefix>XXXXXX` in the
 * temporary directory) before its tests, and stops it and removes the folder after them.
 */
export function useSandbox(prefix: string, options: Omit<SandboxOptions, 'dataDir'> = {}): SandboxSuite {
  const suite: { sandbox?: Sandbox; client?: SandboxClient; dataDir?: string } = {};
  beforeAll(async () => {
    suite.dataDir = mkdtempSync(join(tmpdir(), prefix));
    suite.sandbox = await startSandbox({ ...options, dataDir: suite.dataDir });
    suite.client = sandboxClient(suite.sandbox);
  });
  afterAll(async () => {
    suite.client?.destroy();
    await suite.sandbox?.stop();
    if (suite.dataDir) rmSync(suite.dataDir, { recursive: true, force: true });
  });
  return suite as SandboxSuite;
}
