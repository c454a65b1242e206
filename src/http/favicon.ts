/**
 * The dashboard's icon, drawn here rather than kept as a binary file: a 16×16 ICO (one 32-bit
 * bitmap) of a white "P" on the header's green. Browsers ask for `/favicon.ico` on every page; a
 * 404 there fills logs and developer consoles.
 */
const LETTER = [
  '................',
  '................',
  '...########.....',
  '...##########...',
  '...###....###...',
  '...###.....###..',
  '...###.....###..',
  '...###....###...',
  '...##########...',
  '...########.....',
  '...###..........',
  '...###..........',
  '...###..........',
  '...###..........',
  '................',
  '................',
];
const SIZE = 16;
const GREEN = [0x3b, 0x5d, 0x0b]; // #0b5d3b, stored blue-green-red
const WHITE = [0xff, 0xff, 0xff];

export function faviconIco(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  // A bitmap's rows run from the bottom up.
  LETTER.forEach((row, fromTop) => {
    const rowStart = (SIZE - 1 - fromTop) * SIZE * 4;
    [...row].forEach((dot, column) => {
      const [blue, green, red] = dot === '#' ? WHITE : GREEN;
      pixels.set([blue ?? 0, green ?? 0, red ?? 0, 0xff], rowStart + column * 4);
    });
  });
  const andMask = Buffer.alloc(SIZE * 4); // every pixel opaque; rows padded to 32 bits
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(SIZE, 4);
  header.writeInt32LE(SIZE * 2, 8); // an icon's height counts the colours and the mask
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(pixels.length + andMask.length, 20);
  const image = Buffer.concat([header, pixels, andMask]);
  const directory = Buffer.alloc(6 + 16);
  directory.writeUInt16LE(1, 2); // type: icon
  directory.writeUInt16LE(1, 4); // one image
  directory.writeUInt8(SIZE, 6);
  directory.writeUInt8(SIZE, 7);
  directory.writeUInt16LE(1, 10);
  directory.writeUInt16LE(32, 12);
  directory.writeUInt32LE(image.length, 14);
  directory.writeUInt32LE(directory.length, 18);
  return Buffer.concat([directory, image]);
}
