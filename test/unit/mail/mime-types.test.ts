import libmime from 'libmime';
import { extensions } from 'libmime/lib/mimetypes';
import { describe, expect, it } from 'vitest';
import { loadMimeTypeTable, mimeTypeOf, mimeTypeTableLoaded } from '../../../shared/mail/mime-types.ts';

const commonNames = [
  'iesniegums.pdf',
  'SKENĒTS.JPG',
  'foto.heic',
  'līgums.docx',
  'tabula.xlsx',
  'pieteikums.odt',
  'parakstīts.edoc',
  'parakstīts.asice',
  'vēstule.eml',
  'arhīvs.zip',
];

describe('mimeTypeOf', () => {
  // Runs before the full table is loaded (tests of a file run in order).
  it('types the common court file names without the full table, as libmime does', () => {
    for (const name of commonNames) expect(mimeTypeOf(name), name).toBe(libmime.detectMimeType(name));

    expect(mimeTypeOf('plāns.dwg')).toBeUndefined();
    expect(mimeTypeTableLoaded()).toBe(false);
  });

  it('knows without the full table every extension libmime types as a message or a multipart', () => {
    const splitting = Object.keys(extensions).filter((extension) =>
      /^(?:message|multipart)\//.test(libmime.detectMimeType(`x.${extension}`)),
    );

    expect(splitting.length).toBeGreaterThan(0);
    for (const extension of splitting) {
      expect(mimeTypeOf(`x.${extension}`), extension).toBe(libmime.detectMimeType(`x.${extension}`));
    }
  });

  it('types every extension and odd name as libmime does once the full table is loaded', async () => {
    await loadMimeTypeTable();
    const names = [
      ...Object.keys(extensions).map((extension) => `x.${extension}`),
      'bez paplašinājuma',
      'pdf',
      '.pdf',
      'a.p df',
      'a.',
      '',
      'x.__proto__',
      'x.constructor',
    ];

    for (const name of names) expect(mimeTypeOf(name), name).toBe(libmime.detectMimeType(name));
    expect(mimeTypeTableLoaded()).toBe(true);
  });
});
