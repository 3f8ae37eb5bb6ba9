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
/**
 * Scans of paper letters, uploaded by the mailroom's page: `scans/<registration id>`. A new object
 * here is what starts ingest-postal (an S3 event); one that fails its checks is deleted again.
 */
export const scansPrefix = 'scans/';
/** Letters to clients without an email address, printed by the mailroom: `letters/<reference>/<id>.pdf`. */
export const lettersPrefix = 'letters/';
/** Data-subject exports (ZIPs) for the data protection officer: `exports/<id>.zip`, deleted after 7 days. */
export const exportsPrefix = 'exports/';
