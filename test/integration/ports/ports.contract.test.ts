/**
 * Every port contract of the tickets table on both adapters: the memory fakes the unit tests use,
 * and the DynamoDB adapters on DynamoDB Local (one instance for all, each test with keys of its own).
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { startTestDynamo, type TestDynamo } from '../../support/dynamo.ts';
import { deadlineSweepContract } from './deadline-sweep.contract.ts';
import { intakeContract } from './intake.contract.ts';
import {
  dynamoKnowledge,
  knowledgeStoreContract,
  type MakeKnowledge,
  memoryKnowledge,
} from './knowledge-store.contract.ts';
import { outboundContract } from './outbound.contract.ts';
import { dynamoPorts, type MakePorts, memoryPorts } from './ports-under-test.ts';
import { postalContract } from './postal.contract.ts';
import { quarantineContract } from './quarantine.contract.ts';
import { questionLogContract } from './question-log.contract.ts';
import { staffSessionsContract } from './staff-sessions.contract.ts';
import { threadingContract } from './threading.contract.ts';
import { ticketDeskContract } from './ticket-desk.contract.ts';
import { ticketMovesContract } from './ticket-moves.contract.ts';
import { worklistShardsContract } from './worklist-shards.contract.ts';
import { worklistsContract } from './worklists.contract.ts';

let dynamo: TestDynamo | undefined;

beforeAll(async () => {
  dynamo = await startTestDynamo();
});

afterAll(async () => {
  await dynamo?.stop();
});

const started = (): TestDynamo => {
  if (!dynamo) throw new Error('DynamoDB Local did not start');
  return dynamo;
};

const adapters: readonly (readonly [string, MakePorts, MakeKnowledge])[] = [
  ['memory', memoryPorts, memoryKnowledge],
  ['DynamoDB Local', (options) => dynamoPorts(started(), options), dynamoKnowledge(started)],
];

describe.each(adapters)('on %s', (_name, make, makeKnowledge) => {
  describe('intake (reference blocks, idempotency, new tickets, reader, counters)', () =>
    intakeContract(make));
  describe('threading', () => threadingContract(make));
  describe('outbound', () => outboundContract(make));
  describe('ticket moves', () => ticketMovesContract(make));
  describe('worklists', () => worklistsContract(make));
  describe('worklists over shards', () => worklistShardsContract(make));
  describe('ticket desk', () => ticketDeskContract(make));
  describe('mail quarantine and quarantine desk', () => quarantineContract(make));
  describe('postal desk', () => postalContract(make));
  describe('staff sessions', () => staffSessionsContract(make));
  describe('deadline sweep store', () => deadlineSweepContract(make));
  describe('question log', () => questionLogContract(make));
  describe('knowledge store', () => knowledgeStoreContract(makeKnowledge));
});
