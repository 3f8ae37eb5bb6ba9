/**
 * Survey links in a running sandbox, as send-email makes them: signed by the KMS adapter through
 * the sandbox's KMS stand-in with its HMAC key (`SURVEY_MAC_KEY`), and a ticket brought to
 * `answered` as a staff reply leaves it (the answering itself is tested with the staff API).
 */
import { randomUUID } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import type { Sandbox } from '../../infra/local/sandbox.ts';
import { KmsSurveyTokens } from '../../shared/adapters/kms/kms-survey-tokens.ts';
import { surveyLinkDays } from '../../shared/ports/survey-tokens.ts';
import { surveyLink as mailedSurveyLink } from '../../shared/use-cases/survey-invitation.ts';
import { eventually } from './eventually.ts';
import type { SandboxClient } from './sandbox-client.ts';

/**
 * A link to the survey of `reference` (`expiresAt` by default 28 days from now), as mails now carry
 * it (`url`: the token in the fragment) and as older mails did (`legacyUrl`: `?t=`).
 */
export async function surveyLink(
  sandbox: Sandbox,
  reference: string,
  options: { readonly expiresAt?: Date; readonly language?: 'lv' | 'en' } = {},
): Promise<{ token: string; url: string; legacyUrl: string }> {
  const keyId = process.env.SURVEY_MAC_KEY;
  const endpoint = process.env.AWS_ENDPOINT_URL_KMS;
  if (!keyId || !endpoint) throw new Error('The sandbox set no SURVEY_MAC_KEY or KMS endpoint');
  const client = new KMSClient({ endpoint, region: localRegion, credentials: localCredentials });
  try {
    const expiresAt = options.expiresAt ?? new Date(Date.now() + surveyLinkDays * 86_400_000);
    const token = await new KmsSurveyTokens({ client, keyId }).sign({
      reference,
      expiresAt: expiresAt.toISOString(),
    });
    const query = new URLSearchParams({ t: token, ...(options.language === 'en' ? { lang: 'en' } : {}) });
    return {
      token,
      url: mailedSurveyLink(sandbox.urls.web, token, options.language ?? 'lv'),
      legacyUrl: `${sandbox.urls.web}/aptauja/?${query.toString()}`,
    };
  } finally {
    client.destroy();
  }
}

/** A web request submitted through the gateway and stored as a ticket, then marked answered. */
export async function answeredTicket(sandbox: Sandbox, client: SandboxClient): Promise<string> {
  const email = `survey.${randomUUID().slice(0, 8)}@example.lv`;
  const response = await fetch(`${sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      name: 'Līga Ozola',
      email,
      topic: 'court-fees',
      subject: 'Valsts nodeva',
      message: 'Kā atgūt pārmaksāto valsts nodevu?',
      consent: true,
      language: 'lv',
    }),
  });
  if (response.status !== 202) throw new Error(`The request was not accepted: ${response.status}`);
  const { reference } = (await response.json()) as { reference: string };
  await eventually(() => client.ticket(reference), 30_000, `ticket ${reference}`);
  const at = new Date().toISOString();
  await client.documents.send(
    new UpdateCommand({
      TableName: sandbox.tableNames.tickets,
      Key: { pk: `TICKET#${reference}`, sk: 'TICKET' },
      UpdateExpression:
        'SET #status = :answered, statusChanges = list_append(if_not_exists(statusChanges, :none), :change)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':answered': 'answered',
        ':none': [],
        ':change': [{ from: 'new', to: 'answered', by: 'agent.court-fees', at }],
      },
    }),
  );
  return reference;
}
