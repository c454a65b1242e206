import { NameBook } from './names';
import { participantOf, seatsOf } from './participants';
import { PUSKESOS, REPORTED_WEEKS } from './plan';
import { at, createRandom } from './random';
import { weeklyReportsOf } from './reports';
import { programMentors, puskesosStaff } from './team';
import type { DemoData, DemoMentor } from './types';
import { dayNumberOf, reportingWeeks } from './weeks';

export type { DemoWeeklyReport, ReportChannel } from './reports';
export type * from './types';
export { KECAMATAN, PROVINCE_CODE, REGENCY_CODE, type KecamatanName } from './places';
export { CAPITAL_GRANT, CONSENT_PURPOSE, MENTORING_MONTHS, REPORTED_WEEKS } from './plan';

/** One fixed seed, so that every developer and every demo shows the same people. */
export const DEMO_SEED = 'prokus-bandung-barat';

export interface DemoOptions {
  seed: number | string;
  /** The demo ends here: reports run up to this ISO week, none is dated today or later. */
  today: Date;
  timeZone: string;
}

/**
 * A whole demo program in Kabupaten Bandung Barat: two Puskesos with their staff, MiBi and TKSK
 * mentors, about 60 families in four kecamatan and their weekly reports up to this week. Pure: the
 * same seed, day and time zone always give the same data.
 */
export function generateDemoData({ seed, today, timeZone }: DemoOptions): DemoData {
  const names = new NameBook(createRandom(seed, 'names'));
  const team = createRandom(seed, 'team');
  const staff = puskesosStaff(names, team);
  const mentors = programMentors(names, team);
  const mibi = mentors.filter((mentor) => mentor.type === 'MiBi');
  const tkskOf = (kecamatan: string): DemoMentor => {
    const tksk = mentors.find((mentor) => mentor.type === 'TKSK' && mentor.kecamatan.includes(kecamatan));
    if (!tksk) throw new Error(`no TKSK planned for ${kecamatan}`);
    return tksk;
  };

  const weeks = reportingWeeks(today, timeZone, REPORTED_WEEKS);
  const todayDay = dayNumberOf(today, timeZone);
  const participants = seatsOf(createRandom(seed, 'seats')).map((seat, index) => {
    // Each family draws from a stream of its own, so that one family's draws never shift another's.
    const random = createRandom(seed, 'participant', index);
    const participant = participantOf(seat, index, random, names, {
      mibi: at(mibi, seat.cohort.mibi).phone,
      tksk: tkskOf(seat.cohort.kecamatan).phone,
      firstWeek: at(weeks, 0),
      todayDay,
      timeZone,
    });
    const reports = weeklyReportsOf(
      { phone: participant.record.phone, cluster: seat.cluster, scale: participant.scale },
      participant.habit,
      { weeks, today: todayDay, timeZone },
      random,
    );
    return { record: participant.record, reports };
  });

  return {
    puskesos: PUSKESOS.map((unit) => ({
      name: unit.name,
      desa: unit.desa,
      kecamatan: unit.kecamatan,
      services: [...unit.services],
      servedDesa: [...unit.servedDesa],
    })),
    staff,
    mentors,
    participants: participants.map((participant) => participant.record),
    weeklyReports: participants.flatMap((participant) => participant.reports),
  };
}
