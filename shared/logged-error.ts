/**
 * An error as a log line may carry it. Powertools logs every enumerable attribute of an Error,
 * and SDK and library errors carry request data in them (a condition check's `Item`, a
 * transaction's `CancellationReasons`, a refused recipient), and their messages may quote a
 * value: so only the name and the start of the message go into logs, with email addresses and
 * long numbers (phones, personal codes) masked.
 */

const emailAddress = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[a-z]{2,}/gi;
/**
 * Six or more digits, with the separators a phone number or a personal code is written with; not
 * one that continues a word or a reference (`TA-2026-000021` stays).
 */
const longNumber = /(?<![\w-])\+?\(?\d(?:[\s\-./()]{0,2}\d){5,}/g;

/** The error's name and its message's first 200 characters, personal data masked. */
export function loggedError(error: unknown): { errorName: string; errorMessage?: string } {
  if (!(error instanceof Error)) return { errorName: typeof error };
  return {
    errorName: error.name,
    errorMessage: error.message
      .replace(emailAddress, '[email]')
      .replace(longNumber, '[number]')
      .slice(0, 200),
  };
}
