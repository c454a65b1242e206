/** The image type told by the first bytes, not by a name or a header that anyone can set. */
export function imageTypeOf(bytes: Buffer): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return undefined;
}

/**
 * The audio type told by the first bytes: the containers WhatsApp voice notes and audio come in
 * (Ogg with Opus for voice notes; AMR, MP4/M4A and MP3 for audio files).
 */
export function audioTypeOf(bytes: Buffer): string | undefined {
  const start = bytes.subarray(0, 12).toString('latin1');
  if (start.startsWith('OggS')) return 'audio/ogg';
  if (start.startsWith('#!AMR')) return 'audio/amr';
  if (start.slice(4, 8) === 'ftyp') return 'audio/mp4';
  if (
    start.startsWith('ID3') ||
    (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)
  ) {
    return 'audio/mpeg';
  }
  return undefined;
}
