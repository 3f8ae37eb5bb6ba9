/** send-email's dependencies, built once per cold start. */
import { loadConfig } from '../../shared/config.ts';
import type { LetterContent } from '../../shared/letters/letter-pdf.ts';
import { lettersPrefix } from '../../shared/mail/keys.ts';
import type { SendOutboundDeps } from '../../shared/use-cases/send-outbound-message.ts';
import { awsClients, blobs, mailer, systemClock, ticketStore } from '../composition-root.ts';

/**
 * The letter renderer with pdf-lib and fontkit (about 1.2 MB of code), loaded by the first letter:
 * nearly every message is an email, so the function's cold start skips it.
 */
const loadLetterRenderer = () => import('../../shared/letters/letter-pdf.ts');

export function buildDependencies(): SendOutboundDeps {
  const aws = awsClients();
  const config = loadConfig([
    'TICKETS_TABLE',
    'AUDIT_TABLE',
    'SENDER_ADDRESS',
    'SES_CONFIGURATION_SET',
    'MAIL_BUCKET',
  ]);
  return {
    store: ticketStore(aws, config),
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
  };
}
