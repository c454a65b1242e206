import type { Response } from 'express';
import type { z } from 'zod';

/** Parses a request part with zod; on failure answers 400 with every field and why, and returns undefined. */
export function parseOr400<T extends z.ZodType>(
  schema: T,
  input: unknown,
  response: Response,
): z.infer<T> | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
  response.status(400).json({
    error: 'invalid_request',
    message: fields.map((field) => `${field.field}: ${field.message}`).join('; '),
    fields,
  });
  return undefined;
}
