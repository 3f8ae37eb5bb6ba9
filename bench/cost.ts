/**
 * What a ticket costs: web and email tickets run one at a time through a metered sandbox of their
 * own, from the client's submission through the acknowledgement to staff's reply being sent, and
 * what the handlers asked of AWS is priced (bench/prices.json).
 *
 * Per ticket, the web form loads its topics before the client submits; staff open the unit's
 * queue, open the ticket, take it and reply, as the admin page does. One ticket at a time, as a court's trickle of requests arrives: every queue batch holds one
 * message, the dearest case for invocations. A warm-up ticket of each channel goes first, unmetered
 * (cold paths, the first reference block).
 *
 * `npx tsx bench/cost.ts` runs it alone (BENCH_COST_TICKETS per channel, default 20) and prints
 * the bench's lines and the detail as JSON; `npm run bench` calls `costBench()`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import nodemailer from 'nodemailer';
import {
  type Meter,
  type MeterReading,
  mergeReadings,
  startMeter,
  type Usage,
} from '../infra/local/meter.ts';
import { type Sandbox, startSandbox } from '../infra/local/sandbox.ts';
import { costLines, loadPrices, perTicket, priceUsage, type TicketCost, totalUsage } from './cost-pricing.ts';

export interface CostBenchOptions {
  /** Tickets of each channel (default 20). */
  readonly ticketsPerChannel?: number;
}

export interface ChannelCost {
  /** Units one ticket used, per item. */
  readonly usage: Usage;
  readonly cost: TicketCost;
  /** Per call (`<function> <service> <call>`): how often one ticket makes it, and its units. */
  readonly calls: Readonly<Record<string, { readonly count: number; readonly units: number }>>;
  /** DynamoDB units one ticket uses per `<function> <call> <table>[/<index>]`. */
  readonly capacity: Readonly<Record<string, number>>;
  readonly estimatedWriteUnits: number;
}

export interface CostBenchResult {
  readonly ticketsPerChannel: number;
  readonly web: ChannelCost;
  readonly email: ChannelCost;
  /** Half web, half email: what `lines` print. */
  readonly mixed: ChannelCost;
  readonly lines: readonly string[];
}

const staffUser = 'agent.court-fees';
const referencePattern = /TA-\d{4}-\d{6,}/;

export async function costBench(options: CostBenchOptions = {}): Promise<CostBenchResult> {
  const tickets = options.ticketsPerChannel ?? 20;
  const prices = loadPrices();
  const dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-cost-'));
  // Before the sandbox: its handlers and their clients are made metered.
  const meter = startMeter();
  let sandbox: Sandbox | undefined;
  try {
    sandbox = await startSandbox({
      dataDir,
      quiet: true,
      buildWeb: false,
      schedules: false,
      // Every ticket comes from 127.0.0.1: a limit far above any run, so none is refused.
      edgeLimits: { form: { limit: 1_000_000 } },
    });
    const run = scenario(sandbox, meter);
    await run.webTicket();
    await run.emailTicket();
    const web = await measure(meter, tickets, run.webTicket);
    const email = await measure(meter, tickets, run.emailTicket);
    const channel = (reading: MeterReading, count: number): ChannelCost => {
      const usage = perTicket(totalUsage(reading), count);
      const calls = Object.fromEntries(
        Object.entries(reading.calls).map(([name, { count: made, units }]) => [
          name,
          { count: made / count, units: units / count },
        ]),
      );
      return {
        usage,
        cost: priceUsage(usage, prices),
        calls,
        capacity: Object.fromEntries(
          Object.entries(reading.capacity).map(([target, units]) => [target, units / count]),
        ),
        estimatedWriteUnits: reading.estimatedWriteUnits / count,
      };
    };
    const mixed = channel(mergeReadings(web, email), 2 * tickets);
    return {
      ticketsPerChannel: tickets,
      web: channel(web, tickets),
      email: channel(email, tickets),
      mixed,
      lines: costLines(mixed.cost),
    };
  } finally {
    await sandbox?.stop();
    meter.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The meter's reading over `count` runs of `ticket`. */
async function measure(meter: Meter, count: number, ticket: () => Promise<void>): Promise<MeterReading> {
  meter.reset();
  for (let i = 0; i < count; i += 1) await ticket();
  return meter.reading();
}

/** One ticket of each channel, from the client to staff's reply being sent. */
function scenario(sandbox: Sandbox, meter: Meter) {
  let token: string | undefined;

  async function staff(method: 'GET' | 'POST', path: string, body?: unknown, key?: string) {
    token ??= await staffToken(sandbox);
    const response = await fetch(`${sandbox.urls.web}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (response.status !== 200)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }

  /** Staff open the queue and the ticket, take it and reply; done once the reply is sent. */
  async function answer(reference: string, address: string): Promise<void> {
    await staff('GET', '/api/staff/tickets?view=queue');
    await staff('GET', `/api/staff/tickets/${reference}`);
    await staff('POST', `/api/staff/tickets/${reference}/take`, { reason: 'Izmaksu mērījums' });
    await staff(
      'POST',
      `/api/staff/tickets/${reference}/replies`,
      { text: 'Paldies, Jūsu jautājums ir izskatīts.' },
      `reply-${reference}`,
    );
    await until(`the reply to ${reference}`, async () => (await subjectsTo(sandbox, address)).length >= 2);
    await settled(sandbox, meter);
  }

  return {
    async webTicket(): Promise<void> {
      const email = `cost-${randomUUID().slice(0, 8)}@example.lv`;
      // The form loads the topic catalogue before the client can submit.
      const topics = await fetch(`${sandbox.urls.web}/api/topics`);
      if (topics.status !== 200) throw new Error(`GET /api/topics: ${topics.status}`);
      await topics.arrayBuffer();
      const reference = await submitWebRequest(sandbox.urls.web, email);
      await until(
        `the acknowledgement of ${reference}`,
        async () => (await subjectsTo(sandbox, email)).length,
      );
      await answer(reference, email);
    },
    async emailTicket(): Promise<void> {
      const from = `cost-mail-${randomUUID().slice(0, 8)}@example.lv`;
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: sandbox.smtp.port,
        secure: false,
        ignoreTLS: true,
      });
      try {
        await transport.sendMail({
          from: `Izmaksu Klients <${from}>`,
          to: `nodevas@${sandbox.smtp.inboundDomain}`,
          subject: 'Pārmaksātā nodeva',
          text: 'Labdien! Lūdzu atmaksāt pārmaksāto summu lietā C-1234.',
        });
      } finally {
        transport.close();
      }
      const subject = await until(
        `the acknowledgement to ${from}`,
        async () => (await subjectsTo(sandbox, from))[0],
      );
      const reference = referencePattern.exec(subject)?.[0];
      if (!reference) throw new Error(`No reference in the acknowledgement "${subject}"`);
      await answer(reference, from);
    },
  };
}

/** Submits the web form's request from `email`, as the form does; answers its reference. */
export async function submitWebRequest(web: string, email: string): Promise<string> {
  const response = await fetch(`${web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({
      name: 'Izmaksu Klients',
      email,
      topic: 'court-fees',
      subject: 'Cik maksā pieprasījums',
      message: 'Kad tiks atmaksāta pārmaksātā valsts nodeva lietā C-77?',
      consent: true,
      language: 'lv',
    }),
  });
  if (response.status !== 202) throw new Error(`POST /api/requests: ${response.status}`);
  return ((await response.json()) as { reference: string }).reference;
}

/** A staff token from the sandbox's local issuer (its own route, not a handler: not metered). */
async function staffToken(sandbox: Sandbox): Promise<string> {
  const response = await fetch(`${sandbox.urls.web}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: staffUser }),
  });
  if (response.status !== 200) throw new Error(`No token for ${staffUser}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Subjects of the mail SES sent to `address`, oldest first. */
async function subjectsTo(sandbox: Sandbox, address: string): Promise<string[]> {
  const response = await fetch(`${sandbox.urls.mailbox}/store`);
  const store = (await response.json()) as { emails: { subject: string; destination: { to: string[] } }[] };
  return store.emails.filter((mail) => mail.destination.to.includes(address)).map((mail) => mail.subject);
}

/** Until nothing is queued or running: the last invocations of a ticket count to that ticket. */
async function settled(sandbox: Sandbox, meter: Meter): Promise<void> {
  await until(
    'the sandbox to settle',
    async () => meter.inFlight() === 0 && (await sandbox.pendingMessages()) === 0,
  );
}

async function until<T>(what: string, probe: () => Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await costBench({ ticketsPerChannel: Number(process.env.BENCH_COST_TICKETS ?? 20) });
  for (const line of result.lines) console.log(line);
  const items = (channel: ChannelCost) =>
    Object.fromEntries(channel.cost.items.map((item) => [item.item, round(item.perTicket)]));
  console.log(
    JSON.stringify(
      {
        ticketsPerChannel: result.ticketsPerChannel,
        unitsPerTicket: { web: items(result.web), email: items(result.email) },
        eurPer1000Tickets: {
          web: round(result.web.cost.eurPer1000Tickets),
          email: round(result.email.cost.eurPer1000Tickets),
          mixed: Object.fromEntries(
            result.mixed.cost.items.map((item) => [item.label, round(item.eurPer1000Tickets)]),
          ),
        },
        callsPerTicket: { web: roundCalls(result.web.calls), email: roundCalls(result.email.calls) },
        dynamoUnitsPerTicket: { web: dearest(result.web.capacity), email: dearest(result.email.capacity) },
        estimatedWriteUnitsPerTicket: {
          web: result.web.estimatedWriteUnits,
          email: result.email.estimatedWriteUnits,
        },
      },
      null,
      2,
    ),
  );
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}

/** The targets with units, most first. */
function dearest(capacity: ChannelCost['capacity']) {
  return Object.fromEntries(
    Object.entries(capacity)
      .filter(([, units]) => units > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([target, units]) => [target, round(units)]),
  );
}

function roundCalls(calls: ChannelCost['calls']) {
  return Object.fromEntries(
    Object.entries(calls)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, call]) => [name, `${round(call.count)} calls, ${round(call.units)} units`]),
  );
}
