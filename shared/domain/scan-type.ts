/**
 * What kind of file a postal scan is, told by its first bytes. Pure and without
 * dependencies: the admin page bundles it to warn before an upload, and the server decides with it
 * again (`shared/postal/inspect-scan.ts`), since the browser's word is not proof.
 */

/** The file kinds a mailroom scan may have. */
export const scanKinds = ['pdf', 'jpeg', 'png', 'tiff'] as const;
export type ScanKind = (typeof scanKinds)[number];

/** The media type a scan of each kind is stored and served with. */
export const scanContentTypes: Record<ScanKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
};

/** What the first bytes say a file is that is not a scan. */
export type ScanOther = 'executable' | 'archive' | 'unknown';

export type ScanSniff = { kind: ScanKind } | { other: ScanOther; detected?: string };

/** How many leading bytes `sniffScan` needs; more do no harm (the longest signature is 8). */
export const scanSniffBytes = 16;

interface Signature {
  bytes: readonly number[];
  result: ScanSniff;
}

const ascii = (text: string): number[] => Array.from(text, (character) => character.charCodeAt(0));

// Order matters only where one signature is a prefix of another; none is today.
const signatures: readonly Signature[] = [
  // Readers accept `%PDF-` anywhere in the first 1024 bytes; we require it at offset 0, which every
  // scanner writes, so that a file with a prefix smuggled before the header is not taken for a PDF.
  { bytes: ascii('%PDF-'), result: { kind: 'pdf' } },
  { bytes: [0xff, 0xd8, 0xff], result: { kind: 'jpeg' } },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], result: { kind: 'png' } },
  { bytes: [0x49, 0x49, 0x2a, 0x00], result: { kind: 'tiff' } },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], result: { kind: 'tiff' } },
  { bytes: ascii('MZ'), result: { other: 'executable', detected: 'Windows executable' } },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], result: { other: 'executable', detected: 'Linux executable' } },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], result: { other: 'executable', detected: 'macOS executable' } },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], result: { other: 'executable', detected: 'macOS executable' } },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], result: { other: 'executable', detected: 'macOS executable' } },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], result: { other: 'executable', detected: 'macOS executable' } },
  // CA FE BA BE starts both a universal macOS binary and a Java class file; both run code.
  {
    bytes: [0xca, 0xfe, 0xba, 0xbe],
    result: { other: 'executable', detected: 'macOS universal executable or Java class' },
  },
  { bytes: ascii('#!'), result: { other: 'executable', detected: 'script' } },
  // Office documents (docx, xlsx, odt) are ZIP archives too.
  { bytes: [0x50, 0x4b, 0x03, 0x04], result: { other: 'archive', detected: 'ZIP archive' } },
  { bytes: [0x50, 0x4b, 0x05, 0x06], result: { other: 'archive', detected: 'ZIP archive' } },
  { bytes: ascii('Rar!\x1a\x07'), result: { other: 'archive', detected: 'RAR archive' } },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], result: { other: 'archive', detected: '7-Zip archive' } },
  { bytes: [0x1f, 0x8b], result: { other: 'archive', detected: 'gzip archive' } },
];

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte);
}

/**
 * What the first bytes say the file is: one of our scan kinds, a known executable, script or
 * archive (with `detected`, a short English name for the log and the refusal), or unknown. Only
 * the content counts, never a file name; `head` may be the whole file or its first
 * `scanSniffBytes` bytes.
 *
 * @example
 * sniffScan(new TextEncoder().encode('%PDF-1.7')); // { kind: 'pdf' }
 * sniffScan(new TextEncoder().encode('MZ')); // { other: 'executable', detected: 'Windows executable' }
 */
export function sniffScan(head: Uint8Array): ScanSniff {
  const match = signatures.find((signature) => startsWith(head, signature.bytes));
  return match ? { ...match.result } : { other: 'unknown' };
}
