/**
 * The survey through the sandbox's gateway, as a client and a mail scanner reach it: a scanner
 * that fetches the link (the page, its script, the API's GET) records nothing — no SURVEY item,
 * no audit record; the client's POST records one response, a second changes it; a forged link is
 * a 404 and an expired one a 410, each with lv/en messages, never a 500.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ticketResource } from '../../shared/domain/audit-event.ts';
import { useSandbox } from '../support/sandbox-client.ts';
import { answeredTicket, surveyLink } from '../support/survey-links.ts';

const suite = useSandbox('courtdesk-survey-', { quiet: true, schedules: false });

const surveyItem = async (reference: string, sk = 'SURVEY') =>
  (
    await suite.client.documents.send(
      new GetCommand({ TableName: suite.sandbox.tableNames.tickets, Key: { pk: `TICKET#${reference}`, sk } }),
    )
  ).Item;

const aboutTicket = async (reference: string) =>
  (await suite.client.auditRecords()).filter((record) =>
    ((record.resources as { ARN: string }[] | undefined) ?? []).some(
      (resource) => resource.ARN === ticketResource(reference).ARN,
    ),
  );

const post = (body: unknown) =>
  fetch(`${suite.sandbox.urls.web}/api/survey`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the survey in the sandbox', () => {
  it('a mail scanner fetching the link records nothing', async () => {
    const reference = await answeredTicket(suite.sandbox, suite.client);
    const { token, url } = await surveyLink(suite.sandbox, reference);
    const scanner = { 'user-agent': 'Mozilla/5.0 (compatible; LinkScanner/1.0; +https://scanner.example)' };
    // The page, and whatever a scanner that runs scripts would fetch after it.
    for (const target of [
      url,
      `${suite.sandbox.urls.web}/aptauja/app.js`,
      `${suite.sandbox.urls.web}/api/survey?t=${encodeURIComponent(token)}`,
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const response = await fetch(target, { method, headers: scanner });
        // A HEAD of the API's GET route is API Gateway's 405: nothing runs.
        if (method === 'GET' || !target.includes('/api/'))
          expect(response.status, `${method} ${target}`).toBe(200);
        else expect(response.status).toBe(405);
      }
    }
    const shown = (await (
      await fetch(`${suite.sandbox.urls.web}/api/survey?t=${encodeURIComponent(token)}`)
    ).json()) as Record<string, unknown>;
    expect(shown).toMatchObject({ reference, response: null, unit: { id: 'court-fees' } });
    // The page's own read: the token in the body, the same answer, nothing recorded either.
    const viewed = await fetch(`${suite.sandbox.urls.web}/api/survey/view`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ t: token }),
    });
    expect(viewed.status).toBe(200);
    expect(await viewed.json()).toEqual(shown);
    expect(await surveyItem(reference)).toBeUndefined();
    expect(await surveyItem(reference, 'SURVEY#COMMENT')).toBeUndefined();
    // Nothing of survey-api's in the trail at all (the acknowledgement's SendEmail may come meanwhile).
    const records = await suite.client.auditRecords();
    expect(records.filter((record) => record.eventName === 'RecordSurveyResponse')).toEqual([]);
  });

  it('records one response per ticket; a second POST changes it', async () => {
    const reference = await answeredTicket(suite.sandbox, suite.client);
    const { token } = await surveyLink(suite.sandbox, reference);
    const first = await post({
      t: token,
      satisfaction: 1,
      answered: 'no',
      comment: 'Atbilde nebija skaidra.',
    });
    expect(first.status).toBe(200);
    expect(await surveyItem(reference)).toMatchObject({ type: 'survey', version: 1, satisfaction: 1 });
    expect(await surveyItem(reference, 'SURVEY#COMMENT')).toMatchObject({
      comment: 'Atbilde nebija skaidra.',
    });
    const second = await post({ t: token, satisfaction: 4, answered: 'partly' });
    expect(second.status).toBe(200);
    expect(await surveyItem(reference)).toMatchObject({ version: 2, satisfaction: 4, answered: 'partly' });
    const records = (await aboutTicket(reference)).filter(
      (record) => record.eventName === 'RecordSurveyResponse',
    );
    expect(records).toHaveLength(2);
    expect(JSON.stringify(records)).not.toContain('nebija skaidra');
  });

  it('answers a forged link 404, an expired one 410 and bad fields 400, in lv and en', async () => {
    const reference = await answeredTicket(suite.sandbox, suite.client);
    const { token } = await surveyLink(suite.sandbox, reference);
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'Q' : 'A'}`;
    const notFound = await fetch(`${suite.sandbox.urls.web}/api/survey?t=${encodeURIComponent(forged)}`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({
      error: 'SurveyNotFound',
      message: { lv: expect.any(String), en: expect.any(String) },
    });
    const expired = await surveyLink(suite.sandbox, reference, { expiresAt: new Date(Date.now() - 1000) });
    const gone = await fetch(`${suite.sandbox.urls.web}/api/survey?t=${encodeURIComponent(expired.token)}`);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ error: 'SurveyExpired' });
    const invalid = await post({ t: token, satisfaction: 0, answered: 'yes' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: 'ValidationFailed',
      fields: [{ field: 'satisfaction', message: { lv: expect.any(String), en: expect.any(String) } }],
    });
    expect(await surveyItem(reference)).toBeUndefined();
  });
});
