/** Moved to `../adapters/tesseract/ocr.ts` (it runs a program); this address stays for old importers. */
export { type Ocr, type OcrOptions, tesseractOcr } from '../adapters/tesseract/ocr.ts';
