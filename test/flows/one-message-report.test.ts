import { join } from 'node:path';
import {
  answerStep,
  continueAfterAction,
  startFlow,
  type StepOutcome,
} from '../../src/engine/conversation/step';
import { interpretAnswer } from '../../src/engine/conversation/interpret';
import { loadFlows } from '../../src/engine/flows';
import type { ConversationContext, InboundMessage } from '../../src/engine/messages';

const flows = loadFlows(join(__dirname, '..', '..', 'flows'));
const oneMessage = flows.get('one-message-report')!;
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
const said = (outcome: StepOutcome) =>
  outcome.events.flatMap((event) => (event.type === 'message_created' ? [event.message.text] : []));
const actions = (outcome: StepOutcome) =>
  outcome.events.flatMap((event) => (event.type === 'action_requested' ? [event.action] : []));
const CHECKED = {
  balance_after: 50_000,
  replaces: false,
  previous_sales: 0,
  unusual_sales: false,
  usual_sales: 0,
};

describe('one-message report flow (pure engine, real parsers)', () => {
  it('with every amount given, asks nothing and goes straight to the check, then saves', () => {
    const started = startFlow(
      oneMessage,
      context,
      { week: '2026-W48', sales: 1_500_000, savings: 50_000 },
      {
        skipAnswered: true,
      },
    );
    expect(said(started)).toEqual([]);
    expect(actions(started)).toEqual(['check_weekly_report']);
    const checked = continueAfterAction(oneMessage, started.state!, CHECKED, context);
    expect(actions(checked)).toEqual(['save_one_message_report']);
  });

  it('with only the sales given, asks only the savings', () => {
    const started = startFlow(
      oneMessage,
      context,
      { week: '2026-W48', sales: 2_000_000 },
      { skipAnswered: true },
    );
    expect(said(started)).toEqual(['Berapa yang Bapak/Ibu tabung minggu itu?\nKetik 0 bila belum menabung.']);
    const answered = answerStep(oneMessage, started.state!, message('100rb'), interpretAnswer, context);
    expect(said(answered)).toEqual([]);
    expect(actions(answered)).toEqual(['check_weekly_report']);
    expect(answered.state?.answers).toMatchObject({ sales: 2_000_000, savings: 100_000 });
  });

  it('asks one yes/no for unusual sales; "Tidak" asks the sales again and checks them again', () => {
    const started = startFlow(
      oneMessage,
      context,
      { week: '2026-W48', sales: 15_000_000, savings: 0 },
      {
        skipAnswered: true,
      },
    );
    const unusual = continueAfterAction(
      oneMessage,
      started.state!,
      { ...CHECKED, unusual_sales: true, usual_sales: 1_000_000 },
      context,
    );
    expect(said(unusual)[0]).toContain('Omzet Rp15.000.000 jauh berbeda dari biasanya (sekitar Rp1.000.000)');
    const no = answerStep(oneMessage, unusual.state!, message('2'), interpretAnswer, context);
    expect(said(no)[0]).toContain('Berapa omzet yang benar');
    const again = answerStep(oneMessage, no.state!, message('1,5jt'), interpretAnswer, context);
    expect(actions(again)).toEqual(['check_weekly_report']);
    expect(again.state?.answers.sales).toBe(1_500_000);
  });

  it('without skipAnswered a flow still asks its first question, given answers or not', () => {
    expect(said(startFlow(oneMessage, context, { week: '2026-W48' }))[0]).toContain(
      'Laporan untuk minggu yang mana',
    );
  });

  it('opens the weekly report’s summary from stored values (UBAH), routing the given yes/no', () => {
    const given = {
      week: '2026-W48',
      sales: 1_000_000,
      spending: 0,
      savings: 50_000,
      withdrawal: 0,
    };
    // Skipping goes on through the actions on the way: the week is given, then every amount.
    const started = startFlow(weeklyReport, context, given, { skipAnswered: true });
    expect(said(started)).toEqual([]);
    const checking = continueAfterAction(weeklyReport, started.state!, { week_known: true }, context);
    expect(said(checking)).toEqual([]);
    const summary = continueAfterAction(
      weeklyReport,
      checking.state!,
      { ...CHECKED, replaces: true, previous_sales: 1_000_000 },
      context,
    );
    expect(said(summary)[0]).toContain('Omzet: Rp1.000.000');
    expect(said(summary)[0]).toContain('Tabungan masuk: Rp50.000');
  });
});
