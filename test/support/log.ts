import { Writable } from 'node:stream';
import { createLogger } from '../../src/log';

/** A logger whose records are kept in `lines`, as they would be written. */
export function capturedLog(level = 'info') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, logger: createLogger(level, sink) };
}
