import { join } from 'node:path';
import {
  answerStep,
  continueAfterAction,
  startFlow,
  type StepOutcome,
} from '../../src/engine/conversation/step';
import type { AnswerValue } from '../../src/engine/conversation/state';
import { interpretAnswer } from '../../src/engine/conversation/interpret';
import type { FlowState } from '../../src/engine/conversation/state';
import { loadFlows } from '../../src/engine/flows';
import { renderReply } from '../../src/channels/telegram/replies';
import { renderMessage } from '../../src/channels/whatsapp-cloud/render';
import type { ConversationContext, InboundMessage } from '../../src/engine/messages';

const flows = loadFlows(join(__dirname, '..', '..', 'flows'));
const weeklyReport = flows.get('weekly-report')!;
const context: ConversationContext = {
  now: new Date('2026-11-28T09:00:00Z'),
  timeZone: 'Asia/Jakarta',
  language: 'id',
};

const message = (text: string): InboundMessage => ({
  channel: 'simulator',
  chatId: '+6281234567890',
  platformMessageId: text,
  receivedAt: context.now,
  text,
});

/** What the history check finds for a participant with no earlier reports, unless a test says otherwise. */
const NO_HISTORY = {
  balance_after: 0,
  replaces: false,
  previous_sales: 0,
  unusual_sales: false,
  usual_sales: 0,
};

/** Which week is meant is not obvious (say, on a Monday with last week unreported): the flow asks. */
const WEEK_NOT_OBVIOUS = { week_known: false };

/**
 * Plays a scripted conversation through the pure engine, standing in for the host where a step pauses
 * for an action: `actionOutputs` are what the action would have found. Returns one outcome per message.
 */
function play(
  texts: string[],
  language: ConversationContext['language'] = 'id',
  actionOutputs: Record<string, Record<string, AnswerValue>> = {
    suggest_report_week: WEEK_NOT_OBVIOUS,
    check_weekly_report: NO_HISTORY,
  },
): { outcomes: StepOutcome[]; state: FlowState | undefined } {
  const turnContext = { ...context, language };
  const settle = (outcome: StepOutcome): StepOutcome => {
    const last = outcome.events.at(-1);
    if (last?.type !== 'action_requested' || !outcome.state) return outcome;
    const next = continueAfterAction(
      weeklyReport,
      outcome.state,
      actionOutputs[last.action] ?? {},
      turnContext,
    );
    const settled = settle(next);
    return { state: settled.state, events: [...outcome.events, ...settled.events] };
  };
  const outcomes = [settle(startFlow(weeklyReport, turnContext))];
  let state = outcomes[0]?.state;
  for (const text of texts) {
    if (!state) throw new Error(`flow ended before "${text}"`);
    const outcome = settle(answerStep(weeklyReport, state, message(text), interpretAnswer, turnContext));
    outcomes.push(outcome);
    state = outcome.state;
  }
  return { outcomes, state };
}

const sent = (outcome: StepOutcome | undefined) =>
  (outcome?.events ?? []).flatMap((event) => (event.type === 'message_created' ? [event.message] : []));

const said = (outcome: StepOutcome | undefined) =>
  (outcome?.events ?? []).flatMap((event) => (event.type === 'message_created' ? [event.message.text] : []));

describe('weekly report flow (pure engine, real parsers)', () => {
  it('collects the week, amounts in everyday spellings, confirms, and asks to save integers', () => {
    const { outcomes, state } = play(['minggu ini', '1,5jt', '-', '50rb', '0', '1']);
    expect(said(outcomes[0])[0]).toContain('Laporan untuk minggu yang mana');
    const confirmation = said(outcomes[5])[0] ?? '';
    expect(confirmation).toContain('Minggu: 23-29 Nov 2026');
    expect(confirmation).toContain('Omzet: Rp1.500.000');
    expect(confirmation).toContain('Belanja: -');
    expect(confirmation).toContain('Tabungan masuk: Rp50.000');
    expect(confirmation).toContain('Tabungan diambil: Rp0');
    expect(confirmation).toContain('Total tabungan nanti: Rp0');
    expect(confirmation).toContain('2. Ubah omzet');

    const last = outcomes[6]?.events ?? [];
    expect(last).toContainEqual({
      type: 'action_requested',
      action: 'save_weekly_report',
      flowId: 'weekly-report',
      answers: {
        week: '2026-W48',
        sales: 1_500_000,
        spending: null,
        savings: 50_000,
        withdrawal: 0,
        ...WEEK_NOT_OBVIOUS,
        ...NO_HISTORY,
        correction: 'send',
      },
    });
    expect(said(outcomes[6])[0]).toContain('Laporan minggu 23-29 Nov 2026 sudah tersimpan');
    expect(last.at(-1)).toEqual({ type: 'flow_ended', flowId: 'weekly-report', reason: 'completed' });
    expect(state).toBeUndefined();
  });

  it('asks the withdrawal as an amount, a plain no being nothing, and names the week asked about', () => {
    const { outcomes } = play(['minggu lalu', 'Rp 2.000.000', '0', 'goceng', '20 ribu', 'ya']);
    expect(said(outcomes[1])[0]).toContain('usaha Bapak/Ibu minggu lalu?');
    expect(said(outcomes[4])[0]).toContain(
      'Berapa yang diambil dari tabungan minggu lalu?\nKetik 0 bila tidak ada.',
    );
    expect(outcomes[6]?.events).toContainEqual(
      expect.objectContaining({
        type: 'action_requested',
        answers: expect.objectContaining({
          week: '2026-W47',
          sales: 2_000_000,
          spending: 0,
          savings: 5_000,
          withdrawal: 20_000,
        }),
      }),
    );
    for (const no of ['0', 'gak ada', 'nggak', 'teu aya', 'tidak'])
      expect(play(['minggu ini', '1jt', '0', '0', no]).state).toMatchObject({
        stepId: 'confirm',
        answers: { withdrawal: 0 },
      });
    const otherWeek = play(['10/11']);
    expect(said(otherWeek.outcomes[1])[0]).toContain('usaha Bapak/Ibu minggu 9-15 Nov 2026?');
  });

  it('asks no week when it is obvious: a report is the amounts and one confirmation', () => {
    const { outcomes, state } = play(['1,5jt', '0', '50rb', '0', '1'], 'id', {
      suggest_report_week: { week: '2026-W48', week_known: true },
      check_weekly_report: NO_HISTORY,
    });
    expect(said(outcomes[0])[0]).toContain('Berapa omzet (total penjualan) usaha Bapak/Ibu minggu ini?');
    expect(said(outcomes[4])[0]).toContain('Minggu: 23-29 Nov 2026');
    expect(said(outcomes[5])[0]).toContain('Laporan minggu 23-29 Nov 2026 sudah tersimpan');
    expect(state).toBeUndefined();
  });

  it('explains what was wrong, stays at the step, and keeps earlier answers', () => {
    const { outcomes, state } = play(['minggu ini', 'banyak sekali']);
    const reply = said(outcomes[2]);
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatch(/contoh|Contoh/);
    expect(state).toMatchObject({ stepId: 'sales', attempts: 1, answers: { week: '2026-W48' } });
  });

  it('hands over to a person after three answers it cannot read', () => {
    const { outcomes, state } = play(['minggu ini', 'abc', 'xyz', '???']);
    expect(state).toBeUndefined();
    expect(outcomes[4]?.events).toContainEqual({
      type: 'handoff_requested',
      flowId: 'weekly-report',
      stepId: 'sales',
      reason: 'gave_up',
      answers: { week: '2026-W48', week_known: false },
    });
    // The engine apologises; who takes it over, and when, is for the host to say truthfully.
    expect(said(outcomes[4])).toEqual(['Maaf, sepertinya ada kesulitan.']);
  });

  it('corrects one answer from the summary and comes straight back to it', () => {
    const { state, outcomes } = play(['minggu ini', '100rb', '0', '0', 'tidak', '2', '120rb']);
    expect(said(outcomes[6])[0]).toContain('Berapa omzet');
    expect(state).toMatchObject({
      stepId: 'confirm',
      answers: { week: '2026-W48', sales: 120_000, spending: 0 },
    });
    expect(said(outcomes[7])[0]).toContain('Omzet: Rp120.000');
  });

  it('questions sales far from the usual once, and shows what a replaced report said', () => {
    const outputs = {
      check_weekly_report: {
        ...NO_HISTORY,
        unusual_sales: true,
        usual_sales: 1_200_000,
        replaces: true,
        previous_sales: 1_100_000,
      },
    };
    const { outcomes, state } = play(['minggu ini', '12jt', '0', '0', 'tidak', 'ya'], 'id', outputs);
    expect(said(outcomes[5])[0]).toContain(
      'Omzet Rp12.000.000 jauh berbeda dari biasanya (sekitar Rp1.200.000)',
    );
    expect(said(outcomes[6])[0]).toContain('sudah ada laporannya (omzet Rp1.100.000)');
    expect(state).toMatchObject({ stepId: 'confirm_replace' });
  });

  it('labels the replacing summary\'s first button "Benar, ganti" on Telegram and WhatsApp, in every language', () => {
    const outputs = { check_weekly_report: { ...NO_HISTORY, replaces: true, previous_sales: 1_100_000 } };
    const firstButtons = (language: ConversationContext['language']) => {
      const { outcomes } = play(['minggu ini', '1jt', '0', '0', '0'], language, outputs);
      const summary = sent(outcomes.at(-1)).at(-1);
      if (!summary) throw new Error('no summary was sent');
      const keyboard = renderReply(summary).reply_markup;
      const cloud = renderMessage('6281234567890', summary);
      return {
        telegram: 'inline_keyboard' in keyboard ? keyboard.inline_keyboard[0]?.[0]?.text : undefined,
        cloud:
          cloud.type === 'interactive' && cloud.interactive.type === 'list'
            ? cloud.interactive.action.sections[0]?.rows[0]?.title
            : undefined,
      };
    };
    expect(firstButtons('id')).toEqual({ telegram: 'Benar, ganti', cloud: 'Benar, ganti' });
    expect(firstButtons('en')).toEqual({ telegram: 'Correct, replace', cloud: 'Correct, replace' });
    expect(firstButtons('su')).toEqual({ telegram: 'Leres, gentos', cloud: 'Leres, gentos' });
  });

  it('saves a replacing report when the person types "ganti"', () => {
    const outputs = { check_weekly_report: { ...NO_HISTORY, replaces: true, previous_sales: 1_100_000 } };
    const { outcomes } = play(['minggu ini', '1jt', '0', '0', '0', 'ganti'], 'id', outputs);
    expect(outcomes.at(-1)?.events).toContainEqual(
      expect.objectContaining({ type: 'action_requested', action: 'save_weekly_report' }),
    );
  });

  it('goes back one question with KEMBALI-style back steps kept in the trail', () => {
    const { state } = play(['minggu ini', '100rb']);
    expect(state?.trail).toEqual(['week', 'sales']);
  });

  it('speaks English and Sundanese from the same flow', () => {
    expect(said(play([], 'en').outcomes[0])[0]).toContain('Which week is this report for?');
    expect(said(play([], 'su').outcomes[0])[0]).toContain('Laporan kanggo minggu nu mana');
  });

  it('refuses a skip on a required amount', () => {
    const { state, outcomes } = play(['minggu ini', '-']);
    expect(state).toMatchObject({ stepId: 'sales', attempts: 1 });
    expect(said(outcomes[2])[0]).toBe('Pertanyaan ini perlu dijawab, Bapak/Ibu.');
  });
});
