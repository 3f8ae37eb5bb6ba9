/**
 * The assistant's public API on the real sandbox (the seed content published at start): answers,
 * no answer, feedback, bad input naming the field, the question log without personal data, a
 * request from a page that asked, and the route throttle.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { assistantThrottle } from '../../infra/inventory.ts';
import { useSandbox } from '../support/sandbox-client.ts';

const suite = useSandbox('courtdesk-assistant-', { quiet: true, buildWeb: false, schedules: false });

const pageId = () => `page-${randomUUID().slice(0, 12)}`;

interface Answers {
  questionId: string;
  answers: { articleId: string; topic: string; title: string; snippet: string; url: string; score: number }[];
}

/** Asks as the pages do: the question in a JSON body, never in the address. */
async function ask(
  question: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${suite.sandbox.urls.web}/api/assistant/answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(question),
  });
}

async function logItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const result = await suite.client.documents.send(
    new GetCommand({ TableName: suite.sandbox.tableNames.knowledge, Key: key }),
  );
  return result.Item;
}

describe('the assistant API', () => {
  it('finds the seed article for a Latvian question typed without diacritics', async () => {
    const response = await ask({ q: 'ka samaksat valsts nodevu', lang: 'lv', page: pageId() });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Answers;
    expect(body.questionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.answers.length).toBeGreaterThan(0);
    expect(body.answers.length).toBeLessThanOrEqual(3);
    expect(body.answers[0]).toMatchObject({
      articleId: 'state-fee-payment-details',
      topic: 'court-fees',
      url: '/palidziba/state-fee-payment-details/',
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an unrelated question with an empty list', async () => {
    const response = await ask({ q: 'kur nopirkt lētas slēpes Siguldā', lang: 'lv', page: pageId() });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Answers).answers).toEqual([]);
  });

  it('logs the question stripped of personal data, with its page; feedback is 204 and kept', async () => {
    const page = pageId();
    const response = await ask({
      q: 'Valsts nodevas atmaksa, mans kods 010180-12345, tālr. +371 29123456, anna@example.lv',
      lang: 'lv',
      page,
    });
    const { questionId, answers } = (await response.json()) as Answers;
    const question = await logItem({ pk: `QUESTION#${questionId}`, sk: 'QUESTION' });
    expect(question).toMatchObject({
      pageId: page,
      text: 'Valsts nodevas atmaksa, mans kods [personas kods], tālr. [tālrunis], [e-pasts]',
      logDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      expiresAt: expect.any(Number),
    });
    expect(JSON.stringify(question)).not.toMatch(/010180|29123456|anna@/);
    const year = 365 * 86_400;
    expect(Math.abs(Number(question?.expiresAt) - (Date.now() / 1000 + year))).toBeLessThan(3600);
    expect(await logItem({ pk: `PAGE#${page}`, sk: 'PAGE' })).toMatchObject({ questions: 1 });

    const feedback = await fetch(`${suite.sandbox.urls.web}/api/assistant/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ questionId, articleId: answers[0]?.articleId, helpful: false }),
    });
    expect(feedback.status).toBe(204);
    expect(await logItem({ pk: `QUESTION#${questionId}`, sk: 'QUESTION' })).toMatchObject({
      helpful: false,
      feedbackArticleId: answers[0]?.articleId,
    });
  });

  it('keeps where a question was asked: a help page (source=help) or the form (default)', async () => {
    const helpPage = pageId();
    const formPage = pageId();
    const help = (await (
      await ask({ q: 'valsts nodevas atmaksa', lang: 'lv', page: helpPage, source: 'help' })
    ).json()) as Answers;
    const form = (await (
      await ask({ q: 'valsts nodevas atmaksa', lang: 'lv', page: formPage })
    ).json()) as Answers;
    expect(await logItem({ pk: `QUESTION#${help.questionId}`, sk: 'QUESTION' })).toMatchObject({
      source: 'help',
    });
    expect(await logItem({ pk: `PAGE#${helpPage}`, sk: 'PAGE' })).toMatchObject({ source: 'help' });
    expect(await logItem({ pk: `QUESTION#${form.questionId}`, sk: 'QUESTION' })).toMatchObject({
      source: 'form',
    });
    const wrong = await ask({ q: 'valsts nodeva', lang: 'en', page: pageId(), source: 'staff' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({
      errors: [{ field: 'source', message: 'The source can only be "form" or "help".' }],
    });
  });

  it('takes the question only in a JSON body: the GET with a query string is gone', async () => {
    const question = { q: 'ka samaksat valsts nodevu', lang: 'lv', page: pageId() };
    const byGet = await fetch(
      `${suite.sandbox.urls.web}/api/assistant/answers?${new URLSearchParams(question)}`,
    );
    expect([404, 405]).toContain(byGet.status);
    const asForm = await fetch(`${suite.sandbox.urls.web}/api/assistant/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(question).toString(),
    });
    expect(asForm.status).toBe(415);
    const notJson = await fetch(`${suite.sandbox.urls.web}/api/assistant/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"q":',
    });
    expect(notJson.status).toBe(400);
    const tooLong = await ask({ ...question, q: 'ā'.repeat(3000) });
    expect(tooLong.status).toBe(413);
  });

  it('refuses bad input with 400 naming the field, in Latvian or English', async () => {
    const short = await ask({ q: ' a ', lang: 'lv', page: pageId() });
    expect(short.status).toBe(400);
    expect(await short.json()).toEqual({
      errors: [{ field: 'q', message: 'Uzrakstiet jautājumu (no 2 līdz 500 rakstzīmēm).' }],
    });
    const bidi = await ask({ q: 'valsts \u202enodeva', lang: 'lv', page: pageId() });
    expect(bidi.status).toBe(400);
    expect(await bidi.json()).toEqual({
      errors: [
        {
          field: 'q',
          message: 'Teksts satur neatļautas vai neredzamas rakstzīmes; lūdzu, ierakstiet to vēlreiz.',
        },
      ],
    });
    const page = await ask({ q: 'valsts nodeva', lang: 'en', page: 'x' });
    expect(await page.json()).toEqual({
      errors: [{ field: 'page', message: 'The page id must be 8 to 64 characters (letters, digits, -, _).' }],
    });
    const feedback = await fetch(`${suite.sandbox.urls.web}/api/assistant/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ questionId: randomUUID(), helpful: 'yes' }),
    });
    expect(feedback.status).toBe(400);
    expect(await feedback.json()).toEqual({
      errors: [{ field: 'helpful', message: 'Helpful must be true or false.' }],
    });
    const { questionId } = (await (
      await ask({ q: 'valsts nodevas atmaksa', lang: 'lv', page: pageId() })
    ).json()) as Answers;
    const notShown = await fetch(`${suite.sandbox.urls.web}/api/assistant/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ questionId, articleId: 'not-shown-article', helpful: true }),
    });
    expect(notShown.status).toBe(400);
    expect(await notShown.json()).toEqual({
      errors: [{ field: 'articleId', message: 'This article was not shown as an answer to this question.' }],
    });
    const unknown = await fetch(`${suite.sandbox.urls.web}/api/assistant/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ questionId: randomUUID(), helpful: true }),
    });
    expect(unknown.status).toBe(404);
  });

  it('a request submitted from a page that asked marks the page', async () => {
    const page = pageId();
    await ask({ q: 'valsts nodevas atmaksa', lang: 'lv', page });
    const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        name: 'Jānis Bērziņš',
        email: 'janis@example.lv',
        topic: 'court-fees',
        subject: 'Valsts nodevas atmaksa',
        message: 'Lūdzu atmaksāt pārmaksāto valsts nodevu.',
        consent: true,
        language: 'lv',
        assistantPage: page,
      }),
    });
    expect(response.status).toBe(202);
    expect(await logItem({ pk: `PAGE#${page}`, sk: 'PAGE' })).toMatchObject({
      requestSubmittedAt: expect.any(String),
    });
  });

  it('accepts a request whose assistant page is wrong, dropping the page', async () => {
    const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        name: 'Jānis Bērziņš',
        email: 'janis@example.lv',
        topic: 'court-fees',
        subject: 'Valsts nodevas atmaksa',
        message: 'Lūdzu atmaksāt pārmaksāto valsts nodevu.',
        consent: true,
        language: 'lv',
        assistantPage: 'not a page id',
      }),
    });
    expect(response.status).toBe(202);
  });

  it('answers 429 past the route throttle', async () => {
    const burst = assistantThrottle.burstLimit * 2;
    const statuses = await Promise.all(
      Array.from({ length: burst }, async () => {
        const response = await ask({ q: 'valsts nodeva', lang: 'lv', purpose: 'confirmation' });
        await response.body?.cancel();
        return response.status;
      }),
    );
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(
      assistantThrottle.burstLimit - 5,
    );
  });
});
