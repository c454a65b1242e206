import type { ParsedReply } from '../../../src/engine/inputs';

/** The value of an accepted reply, or a test failure that shows what the parser said instead. */
export function valueOf<T>(reply: ParsedReply<T>): T {
  if (reply.kind !== 'ok') throw new Error(`expected an accepted reply, got ${JSON.stringify(reply)}`);
  return reply.value;
}

/**
 * A refusal that tells the person what is expected: every language mentions each of `mentions`
 * (an example to copy, a limit), Sundanese is written, and the example is one we would accept.
 */
export function expectRefusal<T>(
  reply: ParsedReply<T>,
  mentions: { id: string[]; en: string[]; su?: string[] },
): { id: string; en: string; su?: string | undefined } {
  if (reply.kind !== 'fail') throw new Error(`expected a refusal, got ${JSON.stringify(reply)}`);
  for (const text of mentions.id) expect(reply.reason.id).toContain(text);
  for (const text of mentions.en) expect(reply.reason.en).toContain(text);
  for (const text of mentions.su ?? mentions.id) expect(reply.reason.su).toContain(text);
  expect(reply.example.length).toBeGreaterThan(0);
  return reply.reason;
}
