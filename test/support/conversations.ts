import { join } from 'node:path';
import { conversationServiceFor, type ConversationService } from '../../src/conversations';
import type { Models } from '../../src/db/models';
import type { InboundMessage } from '../../src/engine/messages';
import { loadFlows, type FlowLibrary } from '../../src/engine/flows';
import { createLogger, type Logger } from '../../src/log';

/** The flows shipped in flows/, loaded once for every test file that needs them. */
export const shippedFlows: FlowLibrary = loadFlows(join(__dirname, '..', '..', 'flows'));

/** The conversation service as the service builds it: Jakarta time, a 24-hour idle timeout, the shipped flows. */
export function testConversationService(
  models: Models,
  clock: () => Date,
  logger: Logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
): ConversationService {
  return conversationServiceFor(
    {
      DEFAULT_TIMEZONE: 'Asia/Jakarta',
      CONVERSATION_IDLE_MINUTES: 24 * 60,
      PUBLIC_HOLIDAYS: ['2026-12-25'],
      SIMULATOR_ENABLED: true,
      QUIET_HOURS: { start: 21 * 60, end: 7 * 60 },
    },
    models,
    shippedFlows,
    logger,
    clock,
  );
}

/**
 * The conversation service as a channel sees it, with two handles for webhook tests: storing can be
 * made to fail (the database is away), and handling can be held back, to show that the platform is
 * answered before it.
 */
export function controlledConversations(service: ConversationService) {
  const control = { storeFails: false, handling: Promise.resolve() };
  const conversations = {
    accept: async (inbound: InboundMessage) => {
      if (control.storeFails) throw new Error('database unavailable');
      return service.accept(inbound);
    },
    drain: async (channel: string, chatId: string) => {
      await control.handling;
      return service.drain(channel, chatId);
    },
  };
  return { control, conversations };
}
