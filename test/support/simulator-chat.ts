import type { Server } from 'node:http';
import { simulatorRouters } from '../../src/channels/simulator';
import type { Models } from '../../src/db/models';
import { createHttpApp } from '../../src/http';
import type { Logger } from '../../src/log';
import type { ConversationService } from '../../src/conversations';
import { testConversationService } from './conversations';

/**
 * The simulator's HTTP API on a real express app and the real conversation service: what a person
 * typing in the web simulator goes through. `send` returns the texts the bot answered.
 */
export function useSimulatorChat(models: () => Models, clock: () => Date, logger: Logger) {
  let server: Server | undefined;
  let base = '';
  let counter = 0;
  let conversations: ConversationService | undefined;

  beforeAll(async () => {
    const app = createHttpApp({
      databaseReady: () => Promise.resolve(true),
      routers: simulatorRouters({ models: models(), conversations: service(), clock }),
      logger,
    });
    const listening = await new Promise<Server>((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    server = listening;
    const address = listening.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const service = () => (conversations ??= testConversationService(models(), clock, logger));

  async function post(message: Record<string, string>): Promise<string[]> {
    const response = await fetch(`${base}/api/simulator/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    const body = (await response.json()) as { replies: { text: string }[] };
    if (!response.ok) throw new Error(`simulator answered ${response.status}: ${JSON.stringify(body)}`);
    return body.replies.map((reply) => reply.text);
  }

  return {
    /** The conversation service behind the simulator, for news that comes from staff. */
    conversations: service,
    /** Everything the bot sent to the phone so far, oldest first, as the simulator's transcript shows. */
    async sentTo(phone: string): Promise<string[]> {
      const response = await fetch(`${base}/api/simulator/conversations/${encodeURIComponent(phone)}`);
      const { lines } = (await response.json()) as { lines: { direction: string; text: string }[] };
      return lines.filter((line) => line.direction === 'out').map((line) => line.text);
    },
    async send(phone: string, text: string, id = `message-${++counter}`): Promise<string[]> {
      return post({ from: phone, text, id });
    },
    /** A photo without words, as the simulator stands one in (a picture of its name). */
    async sendPhoto(phone: string, name: string): Promise<string[]> {
      return post({ from: phone, photo: name, id: `message-${++counter}` });
    },
  };
}
