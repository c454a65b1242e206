import busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';

/** The one file a form sent, held in memory (the limit keeps it small). */
export interface UploadedFile {
  /** The file's name as the browser gave it, without any folder. */
  name: string;
  content: Buffer;
  /** Larger than the limit: the content was dropped, only the name is known. */
  tooLarge: boolean;
}

const uploads = new WeakMap<Request, UploadedFile>();

/** The file field of a multipart form read by `multipartForm`, if the form sent one. */
export const uploadOf = (request: Request): UploadedFile | undefined => uploads.get(request);

/** Keeps a display name only: no folders (old browsers send a full Windows path), no control characters. */
function fileName(given: string | undefined): string {
  const base = (given ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
}

/**
 * Reads a multipart/form-data body before the route sees it: its text fields become `request.body`
 * (where the CSRF check looks for `csrf`, as with the other forms), its one file is kept aside.
 * The file is limited to `fileBytes`; a larger one is drained and dropped, marked `tooLarge`, so the
 * page can say so rather than the connection being cut mid-upload; the whole body to `bodyBytes`,
 * past which it is refused (413) and not read on. A broken body leaves no fields,
 * which the CSRF check then refuses.
 */
export function multipartForm(limits: { fileBytes: number; bodyBytes: number }) {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!request.is('multipart/form-data')) return next();
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: limits.fileBytes, files: 1, fields: 20, fieldSize: 10_000, parts: 21 },
      });
    } catch {
      // A multipart content type without a boundary: nothing can be read from it.
      request.body = {};
      return next();
    }
    const fields = new Map<string, string>();
    let file: Promise<UploadedFile> | undefined;
    parser.on('field', (name, value) => {
      if (!fields.has(name)) fields.set(name, value);
    });
    parser.on('file', (_field, stream, info) => {
      if (file) {
        stream.resume();
        return;
      }
      file = new Promise((resolve) => {
        const chunks: Buffer[] = [];
        let tooLarge = false;
        stream.on('data', (chunk: Buffer) => {
          if (!tooLarge) chunks.push(chunk);
        });
        stream.on('limit', () => {
          tooLarge = true;
          chunks.length = 0;
        });
        stream.on('close', () =>
          resolve({ name: fileName(info.filename), content: Buffer.concat(chunks), tooLarge }),
        );
      });
    });
    let finished = false;
    const finish = async (broken: boolean) => {
      if (finished) return;
      finished = true;
      if (broken) {
        request.unpipe(parser);
        request.resume();
        request.body = {};
        return next();
      }
      // Object.fromEntries makes own properties, so a field named `__proto__` stays a plain field.
      request.body = Object.fromEntries(fields);
      const uploaded = await file;
      if (uploaded) uploads.set(request, uploaded);
      next();
    };
    parser.on('close', () => void finish(false));
    parser.on('error', () => void finish(true));
    // A body without a length (chunked) is counted as it comes: past the bound it is not read on.
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limits.bodyBytes || finished) return;
      finished = true;
      request.unpipe(parser);
      request.pause();
      response
        .set('Connection', 'close')
        .status(413)
        .json({ error: 'too_large', message: 'The upload is too large' });
    });
    request.pipe(parser);
  };
}
