import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanContentTypes, scanKinds, scanSniffBytes, sniffScan } from '../../../shared/domain/scan-type.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) =>
      typeof part === 'string' ? Array.from(part, (character) => character.charCodeAt(0)) : part,
    ),
  );

describe('sniffScan', () => {
  it.each([
    ['PDF', bytes('%PDF-1.7\n%âãÏÓ'), 'pdf'],
    ['JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'), 'jpeg'],
    ['JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1]), 'jpeg'],
    ['PNG', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'), 'png'],
    ['little-endian TIFF', bytes('II*\0', [8, 0, 0, 0]), 'tiff'],
    ['big-endian TIFF', bytes('MM\0*', [0, 0, 0, 8]), 'tiff'],
  ] as const)('recognises a %s scan', (_name, head, kind) => {
    expect(sniffScan(head)).toEqual({ kind });
  });

  it.each([
    ['Windows executable', bytes('MZ', [0x90, 0, 3, 0])],
    ['Linux executable', bytes('\x7fELF', [2, 1, 1])],
    ['macOS executable', bytes([0xfe, 0xed, 0xfa, 0xce])],
    ['macOS executable', bytes([0xfe, 0xed, 0xfa, 0xcf])],
    ['macOS executable', bytes([0xce, 0xfa, 0xed, 0xfe])],
    ['macOS executable', bytes([0xcf, 0xfa, 0xed, 0xfe])],
    ['macOS universal executable or Java class', bytes([0xca, 0xfe, 0xba, 0xbe])],
    ['script', bytes('#!/bin/sh\nrm -rf /\n')],
  ])('calls a %s an executable', (detected, head) => {
    expect(sniffScan(head)).toEqual({ other: 'executable', detected });
  });

  it.each([
    ['ZIP archive', bytes('PK\x03\x04', [20, 0])],
    ['ZIP archive', bytes('PK\x05\x06', new Array(18).fill(0))],
    ['RAR archive', bytes('Rar!\x1a\x07\x01\x00')],
    ['7-Zip archive', bytes('7z', [0xbc, 0xaf, 0x27, 0x1c, 0, 4])],
    ['gzip archive', bytes([0x1f, 0x8b, 0x08, 0x00])],
  ])('calls a %s an archive', (detected, head) => {
    expect(sniffScan(head)).toEqual({ other: 'archive', detected });
  });

  it.each([
    ['nothing', bytes()],
    ['a PDF header after a prefix (readers allow it, we do not)', bytes(' %PDF-1.7')],
    ['%PDF without the dash', bytes('%PDF1.7')],
    ['a JPEG start of image without a marker after it', bytes([0xff, 0xd8, 0x00, 0xe0])],
    ['the first bytes of a PNG signature only', bytes([0x89], 'PNG')],
    ['a PNG signature mangled by a text-mode transfer', bytes([0x89], 'PNG\n\x1a\n')],
    ['a TIFF header in the wrong byte order', bytes('II\0*')],
    ['a BigTIFF header', bytes('II+\0', [8, 0, 0, 0])],
    ['plain text', bytes('Labdien, lūdzu izskatīt manu iesniegumu.')],
    ['an ELF magic without its first byte', bytes('ELF\x02')],
    ['a lone M', bytes('M')],
    ['PK followed by something else', bytes('PK\x03\x03')],
    ['Rar! without its version bytes', bytes('Rar!\n')],
  ])('does not recognise %s', (_name, head) => {
    expect(sniffScan(head)).toEqual({ other: 'unknown' });
  });

  it('needs no more than scanSniffBytes bytes', () => {
    const png = bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1]);
    expect(sniffScan(png.subarray(0, scanSniffBytes))).toEqual({ kind: 'png' });
    expect(scanSniffBytes).toBeGreaterThanOrEqual(8);
  });

  it('returns a fresh object each time, so callers cannot change the table', () => {
    const first = sniffScan(bytes('MZ')) as { detected?: string };
    first.detected = 'changed';
    expect(sniffScan(bytes('MZ'))).toEqual({ other: 'executable', detected: 'Windows executable' });
  });

  it('answers with a known shape for any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (head) => {
        const sniffed = sniffScan(head);
        if ('kind' in sniffed) expect(scanKinds).toContain(sniffed.kind);
        else expect(['executable', 'archive', 'unknown']).toContain(sniffed.other);
      }),
    );
  });
});

describe('scanContentTypes', () => {
  it('gives each scan kind its media type', () => {
    expect(scanContentTypes).toEqual({
      pdf: 'application/pdf',
      jpeg: 'image/jpeg',
      png: 'image/png',
      tiff: 'image/tiff',
    });
  });
});

describe('the scan-type module', () => {
  it('imports nothing, since the admin page bundles it for the browser', () => {
    const source = readFileSync(new URL('../../../shared/domain/scan-type.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/\brequire\(|\bimport\(/);
  });
});
