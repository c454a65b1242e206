import { join } from 'node:path';
import { conversationServiceFor, type ConversationService } from '../../src/conversations';
import type { Models } from '../../src/db/models';
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
