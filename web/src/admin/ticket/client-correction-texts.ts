/**
 * The texts of the form that corrects a client's data (rectification) in the ticket view, Latvian
 * first; `texts.ts` takes them in, so they are looked up like every other text.
 */

export const clientCorrectionLv = {
  'clientCorrection.open': 'Labot klienta datus',
  'clientCorrection.intro':
    'Aizpildiet tikai labojamos laukus. Iepriekšējā vērtība netiek saglabāta; labojums tiek reģistrēts auditā.',
  'clientCorrection.name': 'Pareizais vārds, uzvārds',
  'clientCorrection.email': 'Pareizā e-pasta adrese',
  'clientCorrection.phone': 'Pareizais tālruņa numurs',
  'clientCorrection.address': 'Pareizā pasta adrese',
  'clientCorrection.addressLine': 'Iela, māja, dzīvoklis',
  'clientCorrection.place': 'Pilsēta vai pagasts, novads',
  'clientCorrection.postalCode': 'Pasta indekss',
  'clientCorrection.reason': 'Labojuma iemesls',
  'clientCorrection.reasonHint': 'Piemēram: klients pa tālruni norādīja pareizo adresi.',
  'clientCorrection.submit': 'Saglabāt labojumu',
  'clientCorrection.nothing': 'Norādiet vismaz vienu labojamo lauku.',
  'clientCorrection.addressIncomplete': 'Adresei vajag ielu, vietu un pasta indeksu.',
  'clientCorrection.saved': 'Klienta dati laboti: {fields}.',
  'clientCorrection.unchanged': 'Nekas netika mainīts: vērtības sakrīt ar esošajām.',
  'clientCorrection.field.name': 'vārds',
  'clientCorrection.field.email': 'e-pasts',
  'clientCorrection.field.phone': 'tālrunis',
  'clientCorrection.field.postalAddress': 'pasta adrese',
};

export const clientCorrectionEn: Record<keyof typeof clientCorrectionLv, string> = {
  'clientCorrection.open': "Correct the client's data",
  'clientCorrection.intro':
    'Fill in only the fields to correct. The previous value is not kept; the correction is recorded in the audit trail.',
  'clientCorrection.name': 'Correct name',
  'clientCorrection.email': 'Correct email address',
  'clientCorrection.phone': 'Correct phone number',
  'clientCorrection.address': 'Correct postal address',
  'clientCorrection.addressLine': 'Street, house, flat',
  'clientCorrection.place': 'Town or parish, municipality',
  'clientCorrection.postalCode': 'Postal code',
  'clientCorrection.reason': 'Reason for the correction',
  'clientCorrection.reasonHint': 'For example: the client gave the right address by phone.',
  'clientCorrection.submit': 'Save the correction',
  'clientCorrection.nothing': 'Give at least one field to correct.',
  'clientCorrection.addressIncomplete': 'An address needs the street, the place and the postal code.',
  'clientCorrection.saved': "The client's data was corrected: {fields}.",
  'clientCorrection.unchanged': 'Nothing changed: the values are the ones already there.',
  'clientCorrection.field.name': 'name',
  'clientCorrection.field.email': 'email',
  'clientCorrection.field.phone': 'phone',
  'clientCorrection.field.postalAddress': 'postal address',
};
