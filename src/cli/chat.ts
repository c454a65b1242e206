import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { deliverOwnReplies, deliverSimulatorReplies, SIMULATOR } from '../channels/simulator';
import { conversationServiceFor } from '../conversations';
import { openDatabase } from '../db';
import { normalizePhone } from '../domain/identity';
import { loadFlows } from '../engine/flows';
import { loadEnvironmentOrExit } from '../environment';
import { createLogger } from '../log';
import { runCommand } from './run';

/**
 * `npm run chat -- 0812-3456-7890`: the simulator in a terminal. Each line typed is a message from
 * that phone, going through the same path as WhatsApp and Telegram; the bot's replies are printed.
 * Works with piped input too (one message per line), and shares the service's embedded database.
 */
async function main(argv: string[]): Promise<number> {
  const phone = normalizePhone(argv[0] ?? '');
  if (!phone.ok) {
    console.error(
      `Pemakaian / usage: npm run chat -- <no. HP, contoh 0812-3456-7890>\n${argv[0] ? phone.reason : ''}`,
    );
    return 2;
  }
  const config = loadEnvironmentOrExit();
  const flows = loadFlows(config.FLOWS_DIR);
  const database = await openDatabase(config, (message) => console.error(message));
  const clock = () => new Date();
  const conversations = conversationServiceFor(config, database.models, flows, createLogger('error'), clock);
  const interactive = process.stdin.isTTY === true;
  if (interactive) {
    console.log(
      `Chat sebagai ${phone.value}; ketik pesan, Ctrl-D untuk keluar / chatting as ${phone.value}; type a message, Ctrl-D to quit.`,
    );
  }
  const lines = createInterface({ input: process.stdin, terminal: interactive, prompt: '> ' });
  if (interactive) lines.prompt();
  try {
    for await (const line of lines) {
      const text = line.trim();
      if (text !== '') {
        const { replies } = await conversations.converse({
          channel: SIMULATOR,
          chatId: phone.value,
          platformMessageId: randomUUID(),
          receivedAt: clock(),
          text,
        });
        const delivered = [
          ...(await deliverOwnReplies(database.models, replies, clock())),
          // What else came for this chat meanwhile: a reminder, news of a complaint.
          ...(await deliverSimulatorReplies(database.models, phone.value, clock())),
        ];
        for (const reply of delivered) {
          console.log(`\n${reply.text}\n`);
        }
      }
      if (interactive) lines.prompt();
    }
  } finally {
    await database.close();
  }
  return 0;
}

runCommand('chat', () => main(process.argv.slice(2)), 1);
