import { describe, expect, it } from 'vitest';
import { text } from '../../../web/src/admin/texts.ts';
import { correctionOf, correctionToast } from '../../../web/src/admin/ticket/client-correction.ts';

const t = (key: Parameters<typeof text>[1], values?: Record<string, string>) => text('lv', key, values);

describe('the client correction form', () => {
  it('sends only the fields filled in, trimmed, with the reason', () => {
    const { body, problems } = correctionOf(
      {
        name: '',
        email: ' anna@example.lv ',
        phone: '',
        addressLine: '',
        place: '',
        postalCode: '',
        reason: ' Labojums ',
      },
      t,
    );

    expect(problems).toEqual([]);
    expect(body).toEqual({ email: 'anna@example.lv', reason: 'Labojums' });
  });

  it('sends an address whole, and says at the street when part of it is missing', () => {
    const whole = correctionOf(
      { addressLine: 'Brīvības iela 1', place: 'Rīga', postalCode: 'LV-1050', reason: 'Jauna adrese' },
      t,
    );
    const part = correctionOf({ addressLine: 'Brīvības iela 1', reason: 'Jauna adrese' }, t);

    expect(whole.body.postalAddress).toEqual({
      addressLine: 'Brīvības iela 1',
      place: 'Rīga',
      postalCode: 'LV-1050',
    });
    expect(part.problems).toEqual([
      { field: 'addressLine', message: t('clientCorrection.addressIncomplete') },
    ]);
  });

  it('asks for a field and for the reason when neither is given', () => {
    const { problems } = correctionOf({}, t);

    expect(problems).toEqual([
      { field: 'name', message: t('clientCorrection.nothing') },
      { field: 'reason', message: t('field.required') },
    ]);
  });

  it('names the fields changed in the confirmation, or says nothing changed', () => {
    expect(correctionToast({ reference: 'TA-2026-000001', changed: ['email', 'phone'] }, t)).toBe(
      t('clientCorrection.saved', { fields: 'e-pasts, tālrunis' }),
    );
    expect(correctionToast({ reference: 'TA-2026-000001', changed: [] }, t)).toBe(
      t('clientCorrection.unchanged'),
    );
  });
});
