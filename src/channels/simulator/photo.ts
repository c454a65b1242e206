import { Canvas, textWidth } from '../../render';

const PALETTE = [
  [236, 240, 244],
  [90, 104, 120],
] as const;
const WIDTH = 320;
const HEIGHT = 240;

/**
 * The picture the simulator stands in for a photo with: the simulator sends a photo by name, and a
 * small PNG card with that name goes wherever a phone's photo would (GridFS, the staff's chat, the
 * dashboard), so that a complaint tried out in the simulator travels the same way as a real one.
 */
export function simulatorPhoto(name: string): Buffer {
  const canvas = new Canvas(WIDTH, HEIGHT, PALETTE, 0);
  canvas.fillRect(0, 0, WIDTH, 6, 1);
  canvas.fillRect(0, HEIGHT - 6, WIDTH, 6, 1);
  canvas.textCentred(WIDTH / 2, 80, 'FOTO SIMULATOR', 3, 1);
  // The font is 6 dots a character: a long name is cut to what fits the card at scale 2.
  let shown = name.toUpperCase();
  while (shown.length > 1 && textWidth(shown, 2) > WIDTH - 20) shown = shown.slice(0, -1);
  canvas.textCentred(WIDTH / 2, 140, shown, 2, 1);
  return canvas.toPng();
}
