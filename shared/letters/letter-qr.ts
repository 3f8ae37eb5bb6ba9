/**
 * The QR code a printed reply carries to the survey page (§26). Encoded by `qr` (no dependencies,
 * pure JavaScript, so it runs alike on Node 20 and in Lambda; its decoder lets the tests read the
 * drawn code back) and drawn by pdf-lib as filled squares, so it prints sharp at any resolution.
 */
import encodeQR from 'qr';

/** Where a QR code's dark modules go: one rectangle per run of dark modules in a row. */
export interface QrPainter {
  drawRectangle(options: { x: number; y: number; width: number; height: number }): void;
}

/**
 * The code's modules, row by row from the top (`true`: dark), with the four light modules of quiet
 * zone around it that scanners need. Error correction `medium` (15 %): a folded or lightly smudged
 * letter still scans.
 */
export function qrModules(text: string): boolean[][] {
  return encodeQR(text, 'raw', { ecc: 'medium', border: 4 });
}

/**
 * Draws `modules` as a `size`-point square whose bottom left corner is at (`x`, `y`) in PDF
 * coordinates (light modules, the quiet zone included, are left unprinted).
 */
export function drawQr(
  painter: QrPainter,
  modules: readonly (readonly boolean[])[],
  x: number,
  y: number,
  size: number,
): void {
  const module = size / modules.length;
  modules.forEach((row, rowIndex) => {
    const top = y + size - rowIndex * module;
    let start = -1;
    for (let column = 0; column <= row.length; column += 1) {
      const dark = column < row.length && row[column] === true;
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        painter.drawRectangle({
          x: x + start * module,
          y: top - module,
          width: (column - start) * module,
          height: module,
        });
        start = -1;
      }
    }
  });
}
