import { addMonths, isoWeekOf, localDateOf } from '../../src/domain/calendar';
import {
  CAPITAL_GRANT,
  generateDemoData,
  KECAMATAN,
  REPORTED_WEEKS,
  type DemoData,
  type DemoWeeklyReport,
} from '../../src/domain/demo';
import { normalizePhone, parseNik } from '../../src/domain/identity';
import { CLUSTERS, LANGUAGES, STAGES } from '../../src/domain/program';

const timeZone = 'Asia/Jakarta';
// Sunday 29 November 2026, 10:00 WIB: the ISO week 2026-W48.
const today = new Date('2026-11-29T03:00:00Z');
const demo = generateDemoData({ seed: 'unit', today, timeZone });

/** The kecamatan of Kabupaten Bandung Barat (DOMAIN.md). */
const KBB_KECAMATAN = [
  'Batujajar',
  'Cihampelas',
  'Cikalongwetan',
  'Cililin',
  'Cipatat',
  'Cipeundeuy',
  'Cipongkor',
  'Cisarua',
  'Gununghalu',
  'Lembang',
  'Ngamprah',
  'Padalarang',
  'Parongpong',
  'Rongga',
  'Saguling',
  'Sindangkerta',
];

const count = <T>(items: readonly T[], predicate: (item: T) => boolean) => items.filter(predicate).length;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function reportsByParticipant(data: DemoData): Map<string, DemoWeeklyReport[]> {
  const byPhone = new Map<string, DemoWeeklyReport[]>(data.participants.map((person) => [person.phone, []]));
  for (const report of data.weeklyReports) byPhone.get(report.participantPhone)?.push(report);
  for (const reports of byPhone.values()) reports.sort((a, b) => a.week.localeCompare(b.week));
  return byPhone;
}

describe('the demo generator', () => {
  it('gives the same data for the same seed, day and time zone, and other data for another seed', () => {
    const again = generateDemoData({ seed: 'unit', today: new Date(today), timeZone });
    expect(again).toEqual(demo);
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));

    const other = generateDemoData({ seed: 'another', today, timeZone });
    expect(other.participants.map((person) => person.name)).not.toEqual(
      demo.participants.map((person) => person.name),
    );
  });

  it('does not change with the hour of the day it is made', () => {
    const morning = generateDemoData({ seed: 'unit', today: new Date('2026-11-28T17:05:00Z'), timeZone });
    const evening = generateDemoData({ seed: 'unit', today: new Date('2026-11-29T16:55:00Z'), timeZone });
    expect(evening).toEqual(morning);
    expect(morning).toEqual(demo);
  });

  it('has about 60 participants in every cluster, stage and language, mostly Indonesian', () => {
    const { participants } = demo;
    expect(participants.length).toBeGreaterThanOrEqual(50);
    expect(participants.length).toBeLessThanOrEqual(70);
    expect(new Set(participants.map((person) => person.cluster))).toEqual(new Set(CLUSTERS));
    expect(new Set(participants.map((person) => person.stage))).toEqual(new Set(STAGES));
    expect(new Set(participants.map((person) => person.language))).toEqual(new Set(LANGUAGES));
    expect(count(participants, (person) => person.language === 'id')).toBeGreaterThan(
      participants.length / 2,
    );
    expect(count(participants, (person) => person.language === 'en')).toBeLessThan(
      count(participants, (person) => person.language === 'su'),
    );
  });

  it('places everyone in real kecamatan and desa of Bandung Barat, with the article’s Puskesos', () => {
    const desaOf = new Map<string, readonly string[]>(
      Object.values(KECAMATAN).map((kecamatan) => [kecamatan.name, kecamatan.desa]),
    );
    for (const place of [...demo.participants, ...demo.puskesos]) {
      expect(KBB_KECAMATAN).toContain(place.kecamatan);
      expect(desaOf.get(place.kecamatan)).toContain(place.desa);
    }
    for (const unit of demo.puskesos) {
      for (const desa of unit.servedDesa) expect(desaOf.get(unit.kecamatan)).toContain(desa);
    }
    const places = new Set(demo.participants.map((person) => `${person.kecamatan}/${person.desa}`));
    for (const place of ['Cililin/Batulayang', 'Cihampelas/Cihampelas', 'Cihampelas/Pataruman']) {
      expect(places.has(place)).toBe(true);
    }
    expect(demo.puskesos).toContainEqual(
      expect.objectContaining({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' }),
    );
    expect(demo.puskesos).toHaveLength(2);
  });

  it('staffs each Puskesos with all four roles and has one Dinsos admin without a Puskesos', () => {
    for (const unit of demo.puskesos) {
      const roles = demo.staff.filter((person) => person.puskesos === unit.name).map((person) => person.role);
      expect(roles.sort()).toEqual(['back_office', 'fasilitator', 'front_office', 'koordinator']);
    }
    const admins = demo.staff.filter((person) => person.role === 'admin');
    expect(admins).toHaveLength(1);
    expect(admins[0]?.puskesos).toBeUndefined();
    expect(demo.staff).toHaveLength(9);
  });

  it('gives every participant a MiBi with 20 to 30 families and the one TKSK of their kecamatan', () => {
    const mentors = new Map(demo.mentors.map((mentor) => [mentor.phone, mentor]));
    const kecamatanUsed = new Set(demo.participants.map((person) => person.kecamatan));
    const tksk = demo.mentors.filter((mentor) => mentor.type === 'TKSK');
    expect(tksk.map((mentor) => mentor.kecamatan).sort()).toEqual([...kecamatanUsed].sort().map((k) => [k]));

    for (const person of demo.participants) {
      expect(mentors.get(person.mentors.mibi)?.type).toBe('MiBi');
      expect(mentors.get(person.mentors.tksk)).toMatchObject({ type: 'TKSK', kecamatan: [person.kecamatan] });
      expect(mentors.get(person.mentors.mibi)?.kecamatan).toContain(person.kecamatan);
    }
    const mibi = demo.mentors.filter((mentor) => mentor.type === 'MiBi');
    expect(mibi.length).toBeGreaterThanOrEqual(2);
    for (const mentor of mibi) {
      const families = count(demo.participants, (person) => person.mentors.mibi === mentor.phone);
      expect(families).toBeGreaterThanOrEqual(20);
      expect(families).toBeLessThanOrEqual(30);
    }
  });

  it('uses distinct, valid Indonesian mobile numbers from the obviously fake 0000 block', () => {
    const phones = [...demo.staff, ...demo.mentors, ...demo.participants].map((person) => person.phone);
    expect(new Set(phones).size).toBe(phones.length);
    for (const phone of phones) {
      expect(normalizePhone(phone)).toEqual({ ok: true, value: phone });
      expect(phone).toMatch(/^\+628\d{2}0000\d{4}$/);
    }
    const emails = demo.staff.map((person) => person.email);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('gives most participants a valid, distinct Bandung Barat NIK matching their kecamatan', () => {
    const withNik = demo.participants.filter((person) => person.nik !== undefined);
    expect(withNik.length).toBeGreaterThanOrEqual(demo.participants.length * 0.8);
    expect(withNik.length).toBeLessThan(demo.participants.length);
    expect(new Set(withNik.map((person) => person.nik)).size).toBe(withNik.length);
    const districtOf = new Map<string, string>(
      Object.values(KECAMATAN).map((kecamatan) => [kecamatan.name, kecamatan.districtCode]),
    );
    for (const person of withNik) {
      const parsed = parseNik(person.nik ?? '', today);
      if (!parsed.ok) throw new Error(`${person.name}: ${parsed.reason}`);
      expect(parsed.value).toMatchObject({
        provinceCode: '32',
        regencyCode: '17',
        districtCode: districtOf.get(person.kecamatan),
      });
      const age = 2026 - Number(parsed.value.birthDate.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(70);
    }
  });

  it('pays the Rp3.500.000 grant before the first report and mentors for 3 months from then', () => {
    const firstWeek = demo.weeklyReports.map((report) => report.week).sort()[0];
    for (const person of demo.participants) {
      expect(person.capitalGrant.amount).toBe(CAPITAL_GRANT);
      expect(CAPITAL_GRANT).toBe(3_500_000);
      expect(person.mentoringWindow.start).toEqual(person.capitalGrant.date);
      expect(person.mentoringWindow.end).toEqual(addMonths(person.mentoringWindow.start, 3));
      expect(isoWeekOf(person.capitalGrant.date, 'UTC') < (firstWeek ?? '')).toBe(true);
      expect(person.consent.givenAt.getTime()).toBeLessThan(today.getTime());
    }
  });

  it('reports the last weeks up to this ISO week, never dated today or later', () => {
    const weeks = [...new Set(demo.weeklyReports.map((report) => report.week))].sort();
    expect(weeks).toHaveLength(REPORTED_WEEKS);
    expect(weeks.at(-1)).toBe('2026-W48');
    expect(weeks[0]).toBe('2026-W41');
    const startOfToday = new Date('2026-11-28T17:00:00Z');
    for (const report of demo.weeklyReports) {
      expect(report.submittedAt.getTime()).toBeLessThan(startOfToday.getTime());
      // Submitted in its own week or, by latecomers, in the days after it.
      expect(isoWeekOf(report.submittedAt, timeZone) >= report.week).toBe(true);
      const { year, month, day } = localDateOf(report.submittedAt, timeZone);
      const submittedDay = Date.UTC(year, month - 1, day);
      expect(submittedDay).toBeGreaterThanOrEqual(Date.UTC(2026, 9, 5));
    }
  });

  it('starts the current week on Monday in WIB, with nobody having reported yet', () => {
    // Sunday 29 November 18:00 UTC is already Monday 30 November 01:00 in Jakarta.
    const monday = generateDemoData({ seed: 'unit', today: new Date('2026-11-29T18:00:00Z'), timeZone });
    const weeks = [...new Set(monday.weeklyReports.map((report) => report.week))].sort();
    expect(weeks.at(-1)).toBe('2026-W48');
    expect(weeks).toHaveLength(REPORTED_WEEKS - 1);
    expect(monday.participants).toEqual(
      generateDemoData({ seed: 'unit', today: new Date('2026-11-30T10:00:00Z'), timeZone }).participants,
    );
  });

  it('keeps every figure a whole, non-negative number of rupiah and every balance consistent', () => {
    for (const reports of reportsByParticipant(demo).values()) {
      let balance = 0;
      for (const report of reports) {
        for (const amount of [
          report.sales,
          report.spending,
          report.savingsDeposit,
          report.savingsWithdrawal,
          report.savingsBalance,
        ]) {
          expect(Number.isInteger(amount)).toBe(true);
          expect(amount).toBeGreaterThanOrEqual(0);
        }
        expect(report.savingsBalance).toBe(balance + report.savingsDeposit - report.savingsWithdrawal);
        balance = report.savingsBalance;
      }
    }
    expect(count(demo.weeklyReports, (report) => report.savingsWithdrawal > 0)).toBeGreaterThan(0);
  });

  it('has missed weeks and participants who stopped reporting, so a digest has someone to chase', () => {
    const byParticipant = [...reportsByParticipant(demo).values()];
    const lastWeeks = ['2026-W46', '2026-W47', '2026-W48'];
    const silent = byParticipant.filter(
      (reports) => !reports.some((report) => lastWeeks.includes(report.week)),
    );
    expect(silent.length).toBeGreaterThanOrEqual(3);
    expect(count(byParticipant, (reports) => reports.length === 0)).toBeGreaterThanOrEqual(1);
    const withGaps = byParticipant.filter((reports) => {
      const weeks = reports.map((report) => Number(report.week.slice(-2)));
      return weeks.some((week, index) => index > 0 && week - (weeks[index - 1] ?? week) > 1);
    });
    expect(withGaps.length).toBeGreaterThanOrEqual(3);
    expect(count(byParticipant, (reports) => reports.length >= REPORTED_WEEKS - 1)).toBeGreaterThan(
      byParticipant.length / 3,
    );
  });

  it('draws sales at the scales of DOMAIN.md for each cluster and savings of Rp5-20 rb a day', () => {
    const clusterOf = new Map(demo.participants.map((person) => [person.phone, person.cluster]));
    const sales = (cluster: string) =>
      demo.weeklyReports
        .filter((report) => clusterOf.get(report.participantPhone) === cluster)
        .map((report) => report.sales);

    expect(median(sales('kuliner'))).toBeGreaterThan(800_000);
    expect(median(sales('kuliner'))).toBeLessThan(1_700_000);
    expect(Math.min(...sales('kuliner'))).toBeGreaterThanOrEqual(300_000);
    expect(Math.max(...sales('kuliner'))).toBeLessThanOrEqual(4_000_000);
    expect(median(sales('ritel'))).toBeGreaterThan(1_400_000);
    expect(median(sales('ritel'))).toBeLessThan(2_800_000);
    expect(median(sales('agribisnis'))).toBeLessThan(300_000);
    expect(Math.max(...sales('kriya_fesyen'))).toBeLessThanOrEqual(2_000_000);
    expect(count(sales('kriya_fesyen'), (amount) => amount === 0)).toBeGreaterThan(
      sales('kriya_fesyen').length / 5,
    );

    for (const report of demo.weeklyReports.filter(
      (entry) => clusterOf.get(entry.participantPhone) === 'ritel',
    )) {
      const margin = (report.sales - report.spending) / report.sales;
      expect(margin).toBeGreaterThanOrEqual(0.09);
      expect(margin).toBeLessThanOrEqual(0.21);
    }
    const deposits = demo.weeklyReports.map((report) => report.savingsDeposit).filter((amount) => amount > 0);
    expect(median(deposits)).toBeGreaterThanOrEqual(5_000 * 4);
    expect(median(deposits)).toBeLessThanOrEqual(20_000 * 7);
  });
});
