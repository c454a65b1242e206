export { Canvas } from './canvas';
export { textWidth, CAP_HEIGHT, GLYPH_HEIGHT } from './font';
export { encodeIndexedPng, type Rgb } from './png';
