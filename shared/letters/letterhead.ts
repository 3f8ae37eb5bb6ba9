/**
 * The sender printed at the top of every letter and, small, as the return address in the envelope
 * window. Kept apart from the renderer so another institution (or a test) can pass its own.
 */
import type { LocalizedText } from '../domain/language.ts';

export interface Letterhead {
  /** The institution's name, printed in the letter's language. */
  readonly name: LocalizedText;
  /** Street line, then place and postal code, as Latvijas Pasts prints them: `Rīga, LV-1010`. */
  readonly addressLines: readonly string[];
  /**
   * The sender's country, added (in capitals) to the return address only when the letter goes
   * abroad; mail within Latvia leaves it out.
   */
  readonly country: string;
  readonly phone: string;
  readonly email: string;
  readonly web: string;
}

export const courtAdministrationLetterhead: Letterhead = {
  name: { lv: 'Tiesu administrācija', en: 'Court Administration' },
  addressLines: ['Antonijas iela 6', 'Rīga, LV-1010'],
  country: 'Latvia',
  phone: '+371 67063800',
  email: 'pasts@ta.gov.lv',
  web: 'www.ta.gov.lv',
};
