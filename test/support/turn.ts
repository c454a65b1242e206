import type { Person } from '../../src/conversations/identify';
import { runChain, type Turn, type TurnDesk } from '../../src/conversations/turn';
import type { TurnHandler } from '../../src/conversations/turn/chain';
import type { Models } from '../../src/db/models';
import { interpretAnswer } from '../../src/engine/conversation/interpret';
import type { InboundMessage } from '../../src/engine/messages';
import { createLogger } from '../../src/log';
import { shippedFlows } from './conversations';

/**
 * Models for a handler that must answer without the database: any use of them fails the test, so a
 * handler that quietly starts reading shows up.
 */
export const NO_DATABASE = new Proxy({} as Models, {
  get: (_target, name) => {
    throw new Error(`this handler read the database (models.${String(name)})`);
  },
});

export const NOW = new Date('2026-11-26T03:00:00Z');

export const participant = (fields: Partial<Extract<Person, { kind: 'participant' }>> = {}): Person => ({
  kind: 'participant',
  id: '64a000000000000000000001',
  language: 'id',
  consented: true,
  phone: '+6281200000001',
  ...fields,
});
export const mentorPerson: Person = {
  kind: 'mentor',
  id: '64b000000000000000000001',
  phone: '+6281300000001',
  language: 'id',
};
export const unknownPerson: Person = { kind: 'unknown' };

export const message = (text: string, fields: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'whatsapp-cloud',
  chatId: '6281200000001',
  platformMessageId: `wamid.${text}`,
  receivedAt: NOW,
  text,
  ...fields,
});

export interface Played {
  turn: Turn;
  /** Whether the handler passed the message on to the rest of the chain. */
  passedOn: boolean;
  /** The language the turn ended in. */
  language: string;
}

/**
 * Runs one handler (or a few, in order) as the chain would, on the shipped flows and the real answer
 * parsers; `rest` stands for the handlers after them (by default they do nothing but note that they
 * were reached).
 */
export async function playHandler(
  handlers: TurnHandler | TurnHandler[],
  options: {
    person: Person;
    inbound: InboundMessage;
    turn?: Partial<Turn>;
    models?: Models;
    rest?: TurnHandler['handle'];
  },
): Promise<Played> {
  const desk: TurnDesk = {
    models: options.models ?? NO_DATABASE,
    flows: shippedFlows,
    interpret: interpretAnswer,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    complaints: { calendar: { timeZone: 'Asia/Jakarta', holidays: new Set() }, fallback: 'simulator' },
  };
  const turn: Turn = {
    flow: undefined,
    draft: undefined,
    handoff: false,
    pendingRating: undefined,
    firstMessage: undefined,
    replies: [],
    notices: [],
    ...options.turn,
  };
  const language =
    options.person.kind === 'participant' || options.person.kind === 'mentor'
      ? options.person.language
      : 'id';
  const context = { now: NOW, timeZone: 'Asia/Jakarta', language };
  let passedOn = false;
  const rest: TurnHandler = {
    name: 'rest of the chain',
    flows: [],
    actions: [],
    handle: async (reached, next) => {
      passedOn = true;
      await options.rest?.(reached, next);
    },
  };
  await runChain([handlers, rest].flat(), {
    desk,
    person: options.person,
    inbound: options.inbound,
    context,
    turn,
  });
  return { turn, passedOn, language: context.language };
}

/** The texts of the replies, in order. */
export const texts = (played: Played) => played.turn.replies.map((reply) => reply.text);
