/**
 * The sandbox's KMS HMAC keys: 32 random bytes each, kept in the data folder, readable by their
 * owner only, created at the first start. The KMS stand-in (`local-kms.ts`) answers GenerateMac and
 * VerifyMac with them under KMS-shaped ARNs. Two of them: the survey links' (`survey/mac-key`, so
 * that links in the mailbox still open after a restart; send-email and survey-api are given it as
 * `SURVEY_MAC_KEY`) and the pseudonyms' (`pseudonyms/mac-key`, so that the client keys of the kept
 * tables stay the same; `PSEUDONYM_KEY` of the functions that compute client and subject keys).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LocalMacKey {
  readonly file: string;
  readonly secret: Buffer;
  /** The key's ARN, as KMS would name it. */
  readonly keyArn: string;
}

/** The account id of the sandbox's ARNs: not a real account. */
const sandboxAccount = '000000000000';
const keyBytes = 32;

/**
 * The key in `file`, created the first time. `purpose` names it in its key id (so that two keys
 * never share an ARN); the survey key's is the default, as before.
 */
export function loadOrCreateMacKey(file: string, region: string, purpose = 'survey'): LocalMacKey {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(keyBytes).toString('base64'), { mode: 0o600 });
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length !== keyBytes) throw new Error(`${file} does not hold a ${keyBytes}-byte HMAC key`);
  // A key id made from the key's hash (with a label, so that it says nothing of the key itself):
  // the same key keeps the same ARN.
  const hash = createHash('sha256').update(`courtdesk ${purpose} key id\n`).update(secret).digest('hex');
  const uuid = [
    hash.slice(0, 8),
    hash.slice(8, 12),
    hash.slice(12, 16),
    hash.slice(16, 20),
    hash.slice(20, 32),
  ];
  return { file, secret, keyArn: `arn:aws:kms:${region}:${sandboxAccount}:key/${uuid.join('-')}` };
}
