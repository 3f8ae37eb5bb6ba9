/** send-email's dependencies, built once per cold start. */
import { kmsClient } from '../../shared/adapters/clients/kms.ts';
import { DynamoAcknowledgementBudget } from '../../shared/adapters/dynamodb/acknowledgement-budget.ts';
import { DynamoSurveyInvitations } from '../../shared/adapters/dynamodb/survey-invitations.ts';
import { KmsSurveyTokens } from '../../shared/adapters/kms/kms-survey-tokens.ts';
import { loadConfig } from '../../shared/config.ts';
import type { OutboundMessage } from '../../shared/domain/intake-message.ts';
import type { LetterContent } from '../../shared/letters/letter-pdf.ts';
import { lettersPrefix } from '../../shared/mail/keys.ts';
import { PublishedIndexCache } from '../../shared/use-cases/published-index.ts';
import { articleSuggester } from '../../shared/use-cases/suggest-articles.ts';
import {
  auditLog,
  awsClients,
  blobs,
  dynamoTables,
  mailer,
  queue,
  systemClock,
  ticketStore,
} from '../composition-root.ts';
import { publishedKnowledge } from '../knowledge-root.ts';
import type { SendEmailDeps } from './send-email-handler.ts';

/**
 * The letter renderer with pdf-lib and fontkit (about 1.2 MB of code), loaded by the first letter:
 * nearly every message is an email, so the function's cold start skips it.
 */
const loadLetterRenderer = () => import('../../shared/letters/letter-pdf.ts');

export function buildDependencies(): SendEmailDeps {
  const aws = awsClients();
  const config = loadConfig([
    'TICKETS_TABLE',
    'AUDIT_TABLE',
    'SENDER_ADDRESS',
    'SES_CONFIGURATION_SET',
    'MAIL_BUCKET',
    'KNOWLEDGE_TABLE',
    'SURVEY_MAC_KEY',
    'OUTBOUND_QUEUE_URL',
    'RETENTION_SCHEDULE',
    'ACKNOWLEDGEMENT_BUDGET_PER_HOUR',
  ]);
  const siteUrl = () => loadConfig(['PUBLIC_SITE_URL']).PUBLIC_SITE_URL;
  return {
    store: ticketStore(aws, config),
    // Delayed survey invitations are moved on to outbound.fifo, and sent from there.
    outboundQueue: queue<OutboundMessage>(aws, config.OUTBOUND_QUEUE_URL),
    mailer: mailer(aws, config),
    clock: systemClock,
    senderAddress: config.SENDER_ADDRESS,
    // Replies' files (GetObject under replies/ only, by the function's grant).
    replyFiles: blobs(aws, config.MAIL_BUCKET),
    // Letters for clients without an email address (PutObject under letters/ only).
    letters: {
      render: async (content: LetterContent) => (await loadLetterRenderer()).renderLetter(content),
      files: blobs(aws, config.MAIL_BUCKET),
      prefix: lettersPrefix,
    },
    // The articles an acknowledgement names (GetItem of the generation, Query of the published set).
    // The site's origin is read per call: the sandbox's gateway knows its port only once it listens.
    // The court's hourly acknowledgement budget (UpdateItem ADD on the hour's counter item).
    acknowledgementBudget: {
      counter: new DynamoAcknowledgementBudget(dynamoTables(aws, config)),
      perHour: config.ACKNOWLEDGEMENT_BUDGET_PER_HOUR,
    },
    suggestArticles: articleSuggester({
      knowledge: new PublishedIndexCache(publishedKnowledge(aws, config), systemClock),
      siteUrl,
    }),
    // Survey invitations (§26): the ticket's invitation item and the address's 30-day gap in the
    // tickets table, links signed with the KMS HMAC key (GenerateMac only). Without the key (a
    // stack before the survey key), no invitation goes out, and none is ever sent unsigned.
    ...(config.SURVEY_MAC_KEY
      ? {
          surveys: {
            invitations: new DynamoSurveyInvitations(dynamoTables(aws, config)),
            tokens: new KmsSurveyTokens({ client: kmsClient(), keyId: config.SURVEY_MAC_KEY }),
            audit: auditLog(aws, config),
            siteUrl: () => {
              const url = siteUrl();
              if (!url) throw new Error('PUBLIC_SITE_URL is not set: no survey link can be made');
              return url;
            },
          },
        }
      : {}),
  };
}
