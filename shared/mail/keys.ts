/** Where mail lives in the mail bucket: raw messages as SES's S3 action stores them, and attachments. */
export const rawMailPrefix = 'raw-mail/';
export const attachmentsPrefix = 'attachments/';
