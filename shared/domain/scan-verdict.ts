/**
 * What inspecting a postal scan found: filed with its kind, page count and text, or refused with
 * the reason the mailroom's page shows. `shared/postal/inspect-scan.ts` gives it from the bytes;
 * ingest-postal acts on it.
 */
import type { ScanRefusalReason } from './postal-registration.ts';
import type { ScanKind } from './scan-type.ts';

export type ScanVerdict =
  | {
      readonly ok: true;
      readonly kind: ScanKind;
      readonly pages: number;
      readonly text: string;
      readonly needsTranscription: boolean;
      /** The text was read by OCR (the scan had no text layer): it may hold misread letters. */
      readonly ocr?: boolean;
    }
  | {
      readonly ok: false;
      readonly reason: Exclude<ScanRefusalReason, 'unregistered'>;
      readonly detected?: string;
    };
