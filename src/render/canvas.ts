import { glyphDots, GLYPH_SPACING, GLYPH_WIDTH, textWidth } from './font';
import { encodeIndexedPng, type Rgb } from './png';

/**
 * A tiny raster of palette colours: filled rectangles and bitmap text, enough for bar charts.
 * Everything is whole pixels and clipped to the image, so no drawing call can throw on odd input.
 */
export class Canvas {
  private readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly palette: readonly Rgb[],
    background = 0,
  ) {
    this.pixels = new Uint8Array(width * height).fill(background);
  }

  /** Fills the rectangle from (x, y), `width` by `height`, with palette colour `colour`. */
  fillRect(x: number, y: number, width: number, height: number, colour: number): void {
    const left = Math.max(0, Math.round(x));
    const top = Math.max(0, Math.round(y));
    const right = Math.min(this.width, Math.round(x + width));
    const bottom = Math.min(this.height, Math.round(y + height));
    for (let row = top; row < bottom; row++) {
      this.pixels.fill(
        colour,
        row * this.width + left,
        Math.max(row * this.width + left, row * this.width + right),
      );
    }
  }

  /** Writes `text` with its top-left corner at (x, y); each dot of the font becomes `scale` pixels square. */
  text(x: number, y: number, text: string, scale: number, colour: number): void {
    let left = Math.round(x);
    for (const character of text) {
      for (const [column, row] of glyphDots(character)) {
        this.fillRect(left + column * scale, Math.round(y) + row * scale, scale, scale, colour);
      }
      left += (GLYPH_WIDTH + GLYPH_SPACING) * scale;
    }
  }

  /** Writes `text` centred on x. */
  textCentred(x: number, y: number, text: string, scale: number, colour: number): void {
    this.text(x - textWidth(text, scale) / 2, y, text, scale, colour);
  }

  /** Writes `text` ending at x. */
  textRight(x: number, y: number, text: string, scale: number, colour: number): void {
    this.text(x - textWidth(text, scale), y, text, scale, colour);
  }

  toPng(): Buffer {
    return encodeIndexedPng(this.width, this.height, this.palette, this.pixels);
  }
}
