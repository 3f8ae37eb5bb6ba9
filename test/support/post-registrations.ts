/** A post registration as the mailroom stores it, awaiting its scan: for the postal desk's tests. */
import { randomUUID } from 'node:crypto';
import type { PostRegistration } from '../../shared/domain/postal-registration.ts';

export function postRegistration(
  createdAt: string,
  fields: Partial<PostRegistration> = {},
): PostRegistration {
  return {
    id: randomUUID(),
    state: 'awaiting-scan',
    createdAt,
    registeredBy: 'mailroom.anna',
    sender: {
      name: 'Jānis Bērziņš',
      postalAddress: { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' },
    },
    receivedOn: createdAt.slice(0, 10),
    registeredMailNumber: 'RR123456789LV',
    language: 'lv',
    file: { filename: 'vēstule.pdf', contentType: 'application/pdf', size: 2048 },
    ...fields,
  };
}
