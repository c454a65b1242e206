import { join } from 'node:path';
import type { FlowAction } from '../../src/engine/actions';
import { interpretAnswer } from '../../src/engine/conversation/interpret';
import { runOutcome, type ActionOutcome, type FlowServices } from '../../src/engine/conversation/run';
import type { AnswerValue } from '../../src/engine/conversation/state';
import { answerStep, startFlow } from '../../src/engine/conversation/step';
import { loadFlows } from '../../src/engine/flows';
import type { ConversationContext, InboundMessage } from '../../src/engine/messages';

/**
 * A step's outcome played to where the flow waits, with the host's services given to the engine: the
 * actions it names run where the flow reaches them, and the flow goes on with what they found.
 */
const flows = loadFlows(join(__dirname, '..', '..', 'flows'));
const context = (): ConversationContext => ({
  now: new Date('2026-11-26T03:00:00Z'),
  timeZone: 'Asia/Jakarta',
  language: 'id',
});
const message = (text: string): InboundMessage => ({
  channel: 'simulator',
  chatId: '+6281200000001',
  platformMessageId: text,
  receivedAt: new Date('2026-11-26T03:00:00Z'),
  text,
});

/** A host that answers each action as `results` says, and notes what it was asked. */
function host(results: Partial<Record<FlowAction, ActionOutcome>> = {}) {
  const asked: string[] = [];
  const services: FlowServices = {
    runAction: async (action: FlowAction, _answers: Record<string, AnswerValue>) => {
      asked.push(`action ${action}`);
      return results[action] ?? { messages: [], outputs: {} };
    },
    startFlow: (flowId) => {
      asked.push(`flow ${flowId}`);
      return startFlow(flows.get(flowId)!, context());
    },
    handOver: async (request) => {
      asked.push(`handover ${request.reason}`);
      return [{ text: 'Petugas akan membalas.' }];
    },
  };
  return { asked, services };
}

it('runs the action a flow starts with and routes on what it found', async () => {
  const { asked, services } = host({
    suggest_report_week: {
      messages: [{ text: 'Laporan untuk minggu ini.' }],
      outputs: { week: '2026-W48', week_known: true },
    },
  });
  const ran = await runOutcome(flows, startFlow(flows.get('weekly-report')!, context()), context(), services);
  expect(asked).toEqual(['action suggest_report_week']);
  expect(ran.state).toMatchObject({ stepId: 'sales', answers: { week: '2026-W48', week_known: true } });
  expect(ran.messages.map((reply) => reply.text)).toEqual([
    'Laporan untuk minggu ini.',
    expect.stringContaining('Berapa omzet (total penjualan) usaha Bapak/Ibu minggu ini'),
  ]);
});

it('says what follows a language chosen on the way in that language', async () => {
  const menu = flows.get('menu')!;
  const turn = context();
  const atLanguage = answerStep(menu, startFlow(menu, turn).state!, message('6'), interpretAnswer, turn);
  const ran = await runOutcome(
    flows,
    answerStep(menu, atLanguage.state!, message('2'), interpretAnswer, turn),
    turn,
    host().services,
  );
  expect(turn.language).toBe('en');
  expect(ran.messages.map((reply) => reply.text)).toEqual(['Done. Type MENU to see the menu.']);
  expect(ran.state).toBeUndefined();
});

it('starts the flow one ends into, after the action before it', async () => {
  const consent = flows.get('consent')!;
  const { asked, services } = host();
  const ran = await runOutcome(
    flows,
    answerStep(consent, startFlow(consent, context()).state!, message('1'), interpretAnswer, context()),
    context(),
    services,
  );
  expect(asked).toEqual(['action record_consent', 'flow menu']);
  expect(ran.state).toMatchObject({ flowId: 'menu', stepId: 'choose' });
  expect(ran.messages.map((reply) => reply.text)).toEqual([
    'Terima kasih, Bapak/Ibu.',
    expect.stringContaining('Ada yang bisa kami bantu'),
  ]);
});

it('hands the chat over where the flow asks for a person, saying what the host says', async () => {
  const menu = flows.get('menu')!;
  const { asked, services } = host();
  const ran = await runOutcome(
    flows,
    answerStep(menu, startFlow(menu, context()).state!, message('7'), interpretAnswer, context()),
    context(),
    services,
  );
  expect(asked).toEqual(['handover asked']);
  expect(ran.state).toBeUndefined();
  expect(ran.messages.map((reply) => reply.text)).toEqual(['Petugas akan membalas.']);
});
