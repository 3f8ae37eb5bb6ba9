/**
 * The admin page's checks before anything is sent: a scan is told by its first bytes (a
 * renamed executable is named, not uploaded), the registration and call forms are checked with the
 * contract's own schemas and their problems land at the controls the staff API names, and the new
 * views have addresses that survive a reload.
 */
import { describe, expect, it } from 'vitest';
import { schemas } from '../../../shared/http/staff-contract.ts';
import { validateNested } from '../../../web/src/admin/forms.ts';
import { addressOf, type Route, routeFromAddress } from '../../../web/src/admin/routes.ts';
import { type TextKey, text } from '../../../web/src/admin/texts.ts';
import { callBody, callFieldWords, emptyCallForm } from '../../../web/src/admin/views/call.ts';
import {
  checkScan,
  emptyPostForm,
  maxScanBytes,
  type PostFormValues,
  postFieldWords,
  registrationBody,
} from '../../../web/src/admin/views/post-form.ts';
import {
  encryptedPdf,
  jpegImage,
  pngImage,
  textPdf,
  windowsExecutable,
} from '../../support/scan-fixtures.ts';

const t = (key: TextKey, values?: Readonly<Record<string, string>>) => text('lv', key, values);

function letter(overrides: Partial<PostFormValues> = {}): PostFormValues {
  return {
    ...emptyPostForm(),
    name: ' Jānis Bērziņš ',
    addressLine: 'Brīvības iela 12-3',
    place: 'Rīga',
    postalCode: '1050',
    receivedOn: '2026-05-12',
    ...overrides,
  };
}

describe('checking a scan in the browser', () => {
  it.each([
    ['a PDF', async () => textPdf(['Labdien!']), 'pdf'],
    ['an encrypted PDF (it still starts as one: the server refuses it)', async () => encryptedPdf(), 'pdf'],
    ['a PNG', async () => pngImage(2, 2), 'png'],
    ['a JPEG', async () => jpegImage(), 'jpeg'],
  ] as const)('takes %s by its bytes', async (_what, bytes, kind) => {
    // Act
    const checked = await checkScan(new File([new Uint8Array(await bytes())], 'scan.bin'), t);

    // Assess
    expect(checked).toEqual({ kind });
  });

  it('names a renamed executable for what it is', async () => {
    const checked = await checkScan(
      new File([new Uint8Array(windowsExecutable())], 'vestule.pdf', { type: 'application/pdf' }),
      t,
    );
    expect(checked).toEqual({
      error: {
        field: 'file',
        message: t('post.file.executable', { name: 'vestule.pdf', detected: 'Windows executable' }),
      },
    });
  });

  it('refuses no file, an empty one, an unknown one and one over the limit', async () => {
    expect(await checkScan(undefined, t)).toEqual({
      error: { field: 'file', message: t('post.file.required') },
    });
    expect(await checkScan(new File([], 'a.pdf'), t)).toEqual({
      error: { field: 'file', message: t('post.file.empty', { name: 'a.pdf' }) },
    });
    expect(await checkScan(new File(['Labdien'], 'a.pdf'), t)).toEqual({
      error: { field: 'file', message: t('post.file.unknown', { name: 'a.pdf' }) },
    });
    const large = new File([new Uint8Array(maxScanBytes + 1)], 'a.pdf');
    expect(await checkScan(large, t)).toEqual({
      error: { field: 'file', message: t('post.file.tooLarge', { name: 'a.pdf' }) },
    });
  });
});

describe('the registration form', () => {
  it('sends what the contract takes: trimmed, empty optional fields left out, the type its bytes showed', () => {
    // Prepare
    const file = new File(['%PDF-1.7'], 'vēstule.pdf', { type: '' });

    // Act
    const body = registrationBody(letter({ file, email: '  ', topic: 'court-fees' }), 'application/pdf');

    // Assess
    expect(body).toEqual({
      name: 'Jānis Bērziņš',
      address: { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: '1050' },
      receivedOn: '2026-05-12',
      topic: 'court-fees',
      language: 'lv',
      file: { filename: 'vēstule.pdf', contentType: 'application/pdf', size: 8 },
    });
    const parsed = schemas.registerPost.safeParse(body);
    expect(parsed.success && parsed.data.address.postalCode).toBe('LV-1050');
  });

  it.each([
    ['no postal code', letter({ postalCode: '' }), 'address.postalCode', t('error.required')],
    [
      'a code that is not Latvian',
      letter({ postalCode: '10500' }),
      'address.postalCode',
      t('post.error.postalCode'),
    ],
    ['no street', letter({ addressLine: '   ' }), 'address.addressLine', t('error.required')],
    ['a malformed email', letter({ email: 'janis@' }), 'email', t('error.email')],
    ['a malformed phone', letter({ phone: 'zvaniet' }), 'phone', t('error.phone')],
    ['no day received', letter({ receivedOn: '' }), 'receivedOn', t('error.date')],
    [
      'a bad registered-mail number',
      letter({ registeredMailNumber: 'RR#1' }),
      'registeredMailNumber',
      t('post.error.registeredMailNumber'),
    ],
  ])('words %s at the field the staff API names', (_what, values, field, message) => {
    const file = new File(['%PDF-1.7'], 'a.pdf');
    const errors = validateNested(
      schemas.registerPost,
      registrationBody({ ...values, file }, 'application/pdf'),
      t,
      postFieldWords,
    );
    expect(errors).toContainEqual({ field, message });
  });

  it('accepts a foreign address with its own code when the country is named', () => {
    const file = new File(['%PDF-1.7'], 'a.pdf');
    const body = registrationBody(
      letter({ file, postalCode: '10115', place: 'Berlin', country: 'Vācija' }),
      'application/pdf',
    );
    expect(validateNested(schemas.registerPost, body, t, postFieldWords)).toEqual([]);
  });
});

describe('the call form', () => {
  it('sends the digit as a number and leaves out empty optional fields', () => {
    const body = callBody({ ...emptyCallForm, digit: '0', phone: ' 29 123 456 ', name: 'A', summary: 'B' });
    expect(body).toEqual({ digit: 0, phone: '29 123 456', name: 'A', summary: 'B', language: 'lv' });
    expect(schemas.logCall.safeParse(body).success).toBe(true);
  });

  it('asks for the digit when none was chosen, and words a malformed number', () => {
    const errors = validateNested(
      schemas.logCall,
      callBody({ ...emptyCallForm, phone: 'zvaniet', name: 'A', summary: 'B' }),
      t,
      callFieldWords,
    );
    expect(errors).toEqual([
      { field: 'digit', message: t('error.choose') },
      { field: 'phone', message: t('error.phone') },
    ]);
  });
});

describe('the addresses of the new views', () => {
  it.each<Route>([
    { kind: 'post' },
    { kind: 'call' },
    { kind: 'letters', state: 'pending' },
    { kind: 'letters', state: 'dispatched' },
    { kind: 'letter', reference: 'TA-2026-000123', letterId: 'acknowledgement-01' },
    { kind: 'worklist', view: 'callbacks' },
  ])('keeps %j through a reload', (route) => {
    const address = new URL(addressOf(route, 'lv'), 'https://example.lv');
    expect(routeFromAddress(address)).toEqual(route);
  });

  it('takes a letter address with a malformed reference for the letters to post', () => {
    expect(routeFromAddress({ search: '?view=letter&reference=nav&letter=x' })).toEqual({
      kind: 'letters',
      state: 'pending',
    });
  });
});
