/** Where mail lives in the mail bucket: raw messages as SES's S3 action stores them, and attachments. */
export const rawMailPrefix = 'raw-mail/';
export const attachmentsPrefix = 'attachments/';
/**
 * Quarantined mail, copied out of `raw-mail/` when it is held: the staff API reads (previews,
 * releases) only these, never the rest of the inbound mail.
 */
export const quarantinePrefix = 'quarantine/';
/** Files staff attach to replies, uploaded by the admin page: `replies/<reference>/<uploadId>`. */
export { repliesPrefix } from '../domain/reply-attachments.ts';
