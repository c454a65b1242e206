import { join } from 'node:path';
import { interpretAnswer } from '../../src/engine/conversation/interpret';
import { questionToken } from '../../src/engine/conversation/question-token';
import {
  answerStep,
  continueAfterAction,
  startFlow,
  type StepOutcome,
} from '../../src/engine/conversation/step';
import { loadFlows } from '../../src/engine/flows';
import type { ConversationContext, InboundMessage } from '../../src/engine/messages';

const flows = loadFlows(join(__dirname, '..', '..', 'flows'));
const weeklyReport = flows.get('weekly-report')!;
const consent = flows.get('consent')!;
const context: ConversationContext = {
  now: new Date('2026-11-28T09:00:00Z'),
  timeZone: 'Asia/Jakarta',
  language: 'id',
};

const tap = (choice: string, question?: string): InboundMessage => ({
  channel: 'telegram',
  chatId: '5512345678',
  platformMessageId: `c${choice}`,
  receivedAt: context.now,
  choice,
  ...(question ? { question } : {}),
});

const EARLIER = {
  id: 'Tombol itu untuk pertanyaan sebelumnya.',
  en: 'That button belongs to an earlier question.',
  su: 'Éta tombol kanggo patarosan saacanna.',
};

const messages = (outcome: StepOutcome) =>
  outcome.events.flatMap((event) => (event.type === 'message_created' ? [event.message] : []));

/** The weekly report at its first question (which week: not obvious here). */
const weekAsked = (language: ConversationContext['language']) => {
  const started = startFlow(weeklyReport, { ...context, language });
  return continueAfterAction(weeklyReport, started.state!, { week_known: false }, { ...context, language });
};

describe('a tap on a button of an earlier question (pure engine)', () => {
  const state = weekAsked('id').state!;

  it.each([
    ['with its question’s token', tap('weekly_report', questionToken('menu', 'choose'))],
    ['sent before buttons carried a token', tap('weekly_report')],
  ])('is answered "Tombol itu untuk pertanyaan sebelumnya" and the current question, %s', (_how, inbound) => {
    for (const language of ['id', 'en', 'su'] as const) {
      const outcome = answerStep(weeklyReport, state, inbound, interpretAnswer, { ...context, language });
      const [reply] = messages(outcome);
      const current = messages(weekAsked(language)).at(-1)?.text;
      expect(reply?.text).toBe(`${EARLIER[language]}\n\n${current}`);
      expect(reply?.text).not.toContain('weekly_report');
      // Nothing is answered, and the tap is no failed try.
      expect(outcome.state).toEqual(state);
    }
  });

  it('applies a tap on a button of the question now asked, with or without its token', () => {
    const consentAsked = startFlow(consent, context);
    const step = consentAsked.state!.stepId;
    const [prompt] = messages(consentAsked).filter((message) => message.choices);
    expect(prompt?.question).toBe(questionToken('consent', step));
    const yes = prompt?.choices?.[0]?.id ?? '';
    for (const inbound of [tap(yes, prompt?.question), tap(yes)]) {
      const outcome = answerStep(consent, consentAsked.state!, inbound, interpretAnswer, context);
      expect(outcome.state?.stepId).not.toBe(step);
      expect(messages(outcome)[0]?.text).not.toContain('Tombol itu');
    }
  });
});
