/**
 * Texts of the staff API's quarantine answers (refusals and the preview's notes) in Latvian and
 * English, beside the other staff texts (`staff-messages.ts`). Every key exists in both languages.
 */
import { catalogue } from './catalogue.ts';

const lv = {
  'quarantine.NotFound': 'Karantīnā šāda e-pasta vēstule nav atrasta.',
  'quarantine.AlreadyReleased': 'Šī e-pasta vēstule jau ir izlaista no karantīnas.',
} as const;

export type QuarantineMessageKey = keyof typeof lv;

const en: Record<QuarantineMessageKey, string> = {
  'quarantine.NotFound': 'No such email was found in quarantine.',
  'quarantine.AlreadyReleased': 'This email has already been released from quarantine.',
};

const messages = catalogue<QuarantineMessageKey>({ lv, en });

export const quarantineMessage = messages.text;
