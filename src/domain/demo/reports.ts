import type { Cluster } from '../program';
import { asReported, depositOfWeek, tradeOfWeek } from './figures';
import type { Engagement } from './plan';
import type { Random } from './random';
import { instantAt, type ReportingWeek } from './weeks';

export type ReportChannel = 'whatsapp-web' | 'telegram';

export interface DemoWeeklyReport {
  /** The participant's phone (E.164): the natural key that joins the report to its participant. */
  participantPhone: string;
  week: string;
  sales: number;
  spending: number;
  savingsDeposit: number;
  savingsWithdrawal: number;
  savingsBalance: number;
  channel: ReportChannel;
  submittedAt: Date;
}

/** How one participant keeps (or does not keep) the weekly report. */
export interface ReportingHabit {
  engagement: Engagement;
  /** For `stopped`: the index of the last week reported. */
  lastWeekIndex: number;
  /** Chance of forgetting a week while still reporting. */
  missRate: number;
  /** Days after the week's Monday when the report usually comes (0 = Monday, 7 = next Monday). */
  reportDay: number;
  /** Keeps a ledger and reports to the rupiah. */
  precise: boolean;
  dailySaving: number;
  channel: ReportChannel;
}

export interface ReportingContext {
  weeks: readonly ReportingWeek[];
  /** Today's calendar day in the program's time zone: nothing is reported today or later. */
  today: number;
  timeZone: string;
}

interface Draft {
  week: ReportingWeek;
  sales: number;
  spending: number;
  deposit: number;
  withdrawalShare: number | undefined;
  submittedAt: Date;
}

/**
 * The weekly reports of one participant. Every week's figures are drawn whether or not the week is
 * kept, so that the figures never depend on the day of the week the demo is made; the running
 * balance is then summed over the reports that were kept.
 */
export function weeklyReportsOf(
  participant: { phone: string; cluster: Cluster; scale: number },
  habit: ReportingHabit,
  { weeks, today, timeZone }: ReportingContext,
  random: Random,
): DemoWeeklyReport[] {
  const drafts: Draft[] = [];
  weeks.forEach((week, index) => {
    const missed = random.chance(habit.missRate);
    const trade = tradeOfWeek(participant.cluster, participant.scale, random);
    const deposit = depositOfWeek(habit.dailySaving, trade, random);
    const withdraws = random.chance(trade.sales === 0 ? 0.25 : 0.08);
    const withdrawalShare = random.between(0.3, 0.8);
    const submittedDay = week.monday + Math.max(0, habit.reportDay + random.pick([-1, 0, 0, 0, 1]));
    // Evenings, after the stall is closed and the children are asleep.
    const submittedAt = instantAt(submittedDay, random.int(18, 21), random.int(0, 59), timeZone);

    const reporting =
      habit.engagement === 'steady' || (habit.engagement === 'stopped' && index <= habit.lastWeekIndex);
    if (!reporting || missed || submittedDay >= today) return;
    drafts.push({
      week,
      sales: asReported(trade.sales, habit.precise),
      spending: asReported(trade.spending, habit.precise),
      deposit,
      withdrawalShare: withdraws ? withdrawalShare : undefined,
      submittedAt,
    });
  });

  let balance = 0;
  return drafts.map((draft) => {
    const available = balance + draft.deposit;
    const withdrawal =
      draft.withdrawalShare !== undefined && available >= 50_000
        ? Math.floor((available * draft.withdrawalShare) / 5_000) * 5_000
        : 0;
    balance = available - withdrawal;
    return {
      participantPhone: participant.phone,
      week: draft.week.week,
      sales: draft.sales,
      spending: draft.spending,
      savingsDeposit: draft.deposit,
      savingsWithdrawal: withdrawal,
      savingsBalance: balance,
      channel: habit.channel,
      submittedAt: draft.submittedAt,
    };
  });
}
