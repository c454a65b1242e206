import type { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import { shiftIsoWeek } from '../../src/domain/calendar';
import { openComplaint } from '../../src/domain/complaints';
import type { Models } from '../../src/db/models';
import { rebuildWeekSummaries } from '../../src/domain/reports/week-summaries';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';
import type { Cluster, ParticipantStatus, Stage } from '../../src/domain/program';
import { TEST_COMPLAINT_DESK } from './api';

/**
 * A small program for the overview's tests: two Puskesos, a Dinsos admin, front-office staff, two
 * mentors with participants in three kecamatan, eight weeks of reports and two open complaints.
 */
export const OVERVIEW_PASSWORD = 'rahasia-ringkasan-2026';
/** A Monday morning in Bandung Barat: ISO week 2026-W48 has just begun. */
export const OVERVIEW_NOW = new Date('2026-11-23T02:00:00Z');
export const THIS_WEEK = '2026-W48';
export const SEEDED_WEEKS = 8;

export const LOGINS = {
  admin: '+6281300000004',
  rina: '+6281300000001',
  tono: '+6281300000201',
  ujang: '+6281300000202',
};

interface SeedParticipant {
  name: string;
  kecamatan: string;
  desa: string;
  cluster: Cluster;
  stage: Stage;
  status: ParticipantStatus;
  mentor: 'tono' | 'ujang' | undefined;
  /** Weekly sales in thousands of rupiah, oldest of the eight weeks first; null: no report that week. */
  sales: (number | null)[];
}

export const SEED_PARTICIPANTS: SeedParticipant[] = [
  {
    name: 'Siti Aminah',
    kecamatan: 'Cililin',
    desa: 'Batulayang',
    cluster: 'kuliner',
    stage: 'start_up',
    status: 'active',
    mentor: 'tono',
    sales: [800, 950, 1_100, 1_000, 1_250, 1_300, 1_400, 1_500],
  },
  {
    name: 'Aminah Sari',
    kecamatan: 'Cililin',
    desa: 'Batulayang',
    cluster: 'ritel',
    stage: 'scale_up',
    status: 'active',
    mentor: 'tono',
    sales: [1_800, null, 2_100, 2_000, null, 2_300, 2_200, 2_400],
  },
  {
    name: 'Euis Kurniasih',
    kecamatan: 'Cililin',
    desa: 'Karangtanjung',
    cluster: 'kriya_fesyen',
    stage: 'inkubasi',
    status: 'active',
    mentor: 'tono',
    sales: [0, 400, null, 0, 650, null, 900, null],
  },
  {
    name: 'Nining Rahayu',
    kecamatan: 'Cililin',
    desa: 'Batulayang',
    cluster: 'kuliner',
    stage: 'start_up',
    status: 'graduated',
    mentor: 'tono',
    sales: [3_000, 3_100, 3_200, null, null, null, null, null],
  },
  {
    name: 'Dadang Suhendar',
    kecamatan: 'Cihampelas',
    desa: 'Cihampelas',
    cluster: 'agribisnis',
    stage: 'start_up',
    status: 'active',
    mentor: 'ujang',
    sales: [150, 200, 120, 4_500, 180, 210, 160, 250],
  },
  {
    name: 'Cucu Komariah',
    kecamatan: 'Cihampelas',
    desa: 'Pataruman',
    cluster: 'kuliner',
    stage: 'scale_up',
    status: 'active',
    mentor: 'ujang',
    sales: [1_000, 1_100, 1_050, null, 1_200, 1_150, 1_300, null],
  },
  {
    name: 'Entin Suryani',
    kecamatan: 'Lembang',
    desa: 'Jayagiri',
    cluster: 'ritel',
    stage: 'start_up',
    status: 'active',
    mentor: undefined,
    sales: [null, null, 1_700, 1_900, 1_800, 2_000, 2_100, 2_200],
  },
];

/** The week of the i-th of the eight weeks (0 = oldest). */
export const seededWeek = (index: number) => shiftIsoWeek(THIS_WEEK, index - (SEEDED_WEEKS - 1));
/** Savings deposited: a tenth of the week's sales, as a habit of saving from sales. */
export const depositOf = (salesThousands: number) => salesThousands * 100;

/** Totals of the seeded reports of a week (by index), for the participants a filter keeps. */
export function seededTotals(index: number, keep: (participant: SeedParticipant) => boolean = () => true) {
  const reporting = SEED_PARTICIPANTS.filter(keep).filter((participant) => participant.sales[index] != null);
  const active = SEED_PARTICIPANTS.filter(keep).filter((participant) => participant.status === 'active');
  const sales = reporting.reduce((sum, participant) => sum + (participant.sales[index] ?? 0) * 1_000, 0);
  return {
    sales,
    savings: reporting.reduce((sum, participant) => sum + depositOf(participant.sales[index] ?? 0), 0),
    reported: reporting.filter((participant) => participant.status === 'active').length,
    active: active.length,
  };
}

export interface SeededOverview {
  ids: { admin: string; rina: string; tono: string; ujang: string };
  complaints: { lumpaat: string; cihampelas: string };
}

export async function seedOverview(models: Models): Promise<SeededOverview> {
  // The second Puskesos is only where the other complaint goes, by its desa.
  const [lumpaat] = await models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    { name: 'Puskesos Cihampelas', desa: 'Cihampelas', kecamatan: 'Cihampelas' },
  ]);
  const [admin, rina] = await models.staff.create([
    { name: 'Dewi Lestari', phone: LOGINS.admin, role: 'admin' },
    { name: 'Rina Marlina', phone: LOGINS.rina, role: 'front_office', puskesos: lumpaat?._id },
  ]);
  const [tono, ujang] = await models.mentors.create([
    { name: 'Tono Sutisna', phone: LOGINS.tono, type: 'MiBi', kecamatan: ['Cililin'] },
    { name: 'Ujang Hidayat', phone: LOGINS.ujang, type: 'TKSK', kecamatan: ['Cihampelas'] },
  ]);
  const mentorIds: Record<'tono' | 'ujang', Types.ObjectId | undefined> = {
    tono: tono?._id,
    ujang: ujang?._id,
  };
  let phone = 7_000;
  for (const seed of SEED_PARTICIPANTS) {
    const mentor = seed.mentor ? mentorIds[seed.mentor] : undefined;
    const record = await models.participants.create({
      name: seed.name,
      phone: `+62812000${++phone}`,
      kecamatan: seed.kecamatan,
      desa: seed.desa,
      cluster: seed.cluster,
      stage: seed.stage,
      status: seed.status,
      mentors: mentor ? (seed.mentor === 'tono' ? { mibi: mentor } : { tksk: mentor }) : {},
    });
    let balance = 0;
    const reports = seed.sales.flatMap((sales, index) => {
      if (sales === null) return [];
      balance += depositOf(sales);
      return [
        {
          participant: record._id,
          week: seededWeek(index),
          sales: sales * 1_000,
          savingsDeposit: depositOf(sales),
          savingsBalance: balance,
          channel: 'simulator',
          submittedAt: OVERVIEW_NOW,
        },
      ];
    });
    await models.weeklyReports.insertMany(reports);
  }
  // Written around the service, as a seed is: the overview reads its summaries and the roster.
  await rebuildWeekSummaries(models);
  await rebuildParticipantRoster(models);
  const file = async (desa: string, phoneNumber: string, daysAgo: number) => {
    const opened = await openComplaint(
      models,
      {
        complainantPhone: phoneNumber,
        complainantChat: { channel: 'simulator', chatId: phoneNumber },
        language: 'id',
        desa,
        category: 'PKH',
        text: 'Bantuan belum cair',
        photos: [],
        at: new Date(OVERVIEW_NOW.getTime() - daysAgo * 86_400_000),
      },
      TEST_COMPLAINT_DESK,
    );
    if (!opened.ok) throw new Error('complaint not opened');
    return opened.number;
  };
  // A week old and never acknowledged: overdue. The other was filed just now.
  const complaints = {
    lumpaat: await file('Batulayang', '+6281200006001', 7),
    cihampelas: await file('Cihampelas', '+6281200006002', 0),
  };
  for (const login of Object.values(LOGINS)) await setPassword(models, login, OVERVIEW_PASSWORD);
  return {
    ids: {
      admin: String(admin?._id),
      rina: String(rina?._id),
      tono: String(tono?._id),
      ujang: String(ujang?._id),
    },
    complaints,
  };
}
