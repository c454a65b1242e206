import { addMonths } from '../calendar';
import type { Cluster, Language, Stage } from '../program';
import { BUSINESS_IDEAS } from './businesses';
import { DAILY_SAVINGS, STAGE_SCALE } from './figures';
import { demoNik, demoPhone, OPERATOR_PREFIXES, PHONE_SERIALS } from './identity';
import type { NameBook, Sex } from './names';
import { KECAMATAN } from './places';
import {
  CAPITAL_GRANT,
  CLUSTER_SHARES,
  COHORTS,
  CONSENT_PURPOSE,
  ENGAGEMENT_SHARES,
  LANGUAGE_SHARES,
  MENTORING_MONTHS,
  NIK_ON_FILE,
  REPORTED_WEEKS,
  STAGE_SHARES,
  type CohortPlan,
} from './plan';
import { at, dealShares, type Random } from './random';
import type { ReportingHabit } from './reports';
import type { DemoParticipant } from './types';
import { calendarDate, instantAt, type ReportingWeek } from './weeks';

/** One place in the program: a family's kecamatan, desa, cluster, stage, language and reporting. */
export interface Seat {
  cohort: CohortPlan;
  desa: string;
  cluster: Cluster;
  stage: Stage;
  language: Language;
  engagement: ReportingHabit['engagement'];
  nikOnFile: boolean;
}

/** Shares are dealt over the whole program, so every cluster, stage and language is present. */
export function seatsOf(random: Random): Seat[] {
  const total = COHORTS.reduce((sum, cohort) => sum + cohort.participants, 0);
  const clusters = dealShares(random, total, CLUSTER_SHARES);
  const stages = dealShares(random, total, STAGE_SHARES);
  const languages = dealShares(random, total, LANGUAGE_SHARES);
  const engagements = dealShares(random, total, ENGAGEMENT_SHARES);
  const niks = dealShares(random, total, [
    [true, NIK_ON_FILE],
    [false, 1 - NIK_ON_FILE],
  ]);
  const desa = COHORTS.flatMap((cohort) =>
    random.shuffle(
      Array.from({ length: cohort.participants }, (_, index) =>
        // Every listed desa first, then the rest spread at random.
        index < cohort.desa.length ? at(cohort.desa, index) : random.pick(cohort.desa),
      ),
    ),
  );
  const cohorts = COHORTS.flatMap((cohort) => Array.from({ length: cohort.participants }, () => cohort));
  return cohorts.map((cohort, index) => ({
    cohort,
    desa: at(desa, index),
    cluster: at(clusters, index),
    stage: at(stages, index),
    language: at(languages, index),
    engagement: at(engagements, index),
    nikOnFile: at(niks, index),
  }));
}

export function participantOf(
  seat: Seat,
  index: number,
  random: Random,
  names: NameBook,
  context: { mibi: string; tksk: string; firstWeek: ReportingWeek; todayDay: number; timeZone: string },
): { record: DemoParticipant; habit: ReportingHabit; scale: number } {
  // Most PKH recipients are mothers.
  const sex: Sex = random.chance(0.8) ? 'female' : 'male';
  const person = names.villager(sex);
  const phone = demoPhone(random.pick(OPERATOR_PREFIXES), PHONE_SERIALS.participants + index);
  const birth = {
    year: calendarDate(context.todayDay).getUTCFullYear() - random.int(24, 58),
    month: random.int(1, 12),
    day: random.int(1, 28),
  };
  const kecamatan = KECAMATAN[seat.cohort.kecamatan];
  const nik = demoNik(kecamatan.districtCode, birth, sex, index + 1);
  const idea = random.pick(BUSINESS_IDEAS[seat.cluster]);
  const owner = `${sex === 'female' ? 'Bu' : 'Pak'} ${person.firstName}`;
  // The capital is paid at the cohort's training, the week before the first reported week.
  const grantDay = context.firstWeek.monday - 7 + seat.cohort.grantDayOffset;
  const grantDate = calendarDate(grantDay);
  const habit: ReportingHabit = {
    engagement: seat.engagement,
    lastWeekIndex: random.int(1, REPORTED_WEEKS - 4),
    missRate: random.between(0.03, 0.2),
    reportDay: random.weighted([
      [3, 10],
      [4, 25],
      [5, 30],
      [6, 25],
      [7, 10],
    ]),
    precise: random.chance(seat.stage === 'inkubasi' ? 0.6 : 0.2),
    dailySaving: random.weighted(DAILY_SAVINGS),
    channel: random.chance(0.8) ? 'whatsapp-web' : 'telegram',
  };
  const scale = STAGE_SCALE[seat.stage] * random.logNormal(1, 0.3);

  return {
    record: {
      name: person.name,
      phone,
      ...(seat.nikOnFile ? { nik } : {}),
      kecamatan: kecamatan.name,
      desa: seat.desa,
      cluster: seat.cluster,
      stage: seat.stage,
      business: { name: idea.name.replace('{owner}', owner), description: idea.description },
      capitalGrant: { amount: CAPITAL_GRANT, date: grantDate },
      mentoringWindow: { start: grantDate, end: addMonths(grantDate, MENTORING_MONTHS) },
      mentors: { mibi: context.mibi, tksk: context.tksk },
      language: seat.language,
      consent: {
        purpose: CONSENT_PURPOSE,
        givenAt: instantAt(grantDay, 10, 0, context.timeZone),
        channel: habit.channel,
      },
    },
    habit,
    scale,
  };
}
