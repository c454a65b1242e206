import { Types } from 'mongoose';
import { setPassword, issueApiToken } from '../../src/auth';
import { instantInWeek, isoWeekOf, shiftIsoWeek } from '../../src/domain/calendar';
import { ENGAGEMENT_SHARES, type Engagement } from '../../src/domain/demo/plan';
import { openHandover } from '../../src/domain/handovers/handover-desk';
import { CLUSTERS, PUSKESOS_SERVICES, STAGES } from '../../src/domain/program';
import { rebuildReportLedgers } from '../../src/domain/reports/weekly-report-service';
import { rebuildComplaintIndexes } from '../../src/domain/complaints/complaint-index';
import { rebuildWeekSummaries } from '../../src/domain/reports/week-summaries';
import { rebuildSessionIndex } from '../../src/domain/sessions';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';
import type { Models } from '../../src/db/models';
import { weeklyReportKey } from '../../src/db/models/weekly-report';
import { transcriptsKept } from '../../src/db/migrations/transcripts-kept';
import { auditDaysKept } from '../../src/db/migrations/audit-days-kept';
import { TRANSCRIPT_LIMIT } from '../../src/domain/transcripts';
import type { DashboardBenchOptions } from './dashboard-options';
import { seededRandom } from './history';

/**
 * A regency's year for the dashboard benchmark, written straight through the models' collections in
 * large batches (the HTTP API would take hours): Puskesos, staff and mentors, participants in
 * kecamatan of five desa, a year of weekly reports at the demo's reporting rate with their week
 * summaries, complaints, mentoring sessions, a few requests for a person, the message history of
 * every participant's chat, and a year of audit entries. What the pages should then show is kept.
 */

const TIME_ZONE = 'Asia/Jakarta';
const CHANNEL = 'simulator';
const BATCH = 5_000;
export const BENCH_PASSWORD = 'bench-dashboard-2026';

/** Bandung Barat's kecamatan; beyond sixteen, numbered. */
const KECAMATAN = [
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
const DESA_SUFFIXES = ['Kidul', 'Kaler', 'Wetan', 'Kulon', 'Tengah'];
const GIVEN = ['Siti', 'Euis', 'Dede', 'Nining', 'Cucu', 'Entin', 'Yati', 'Aminah', 'Iis', 'Neng'];
const FAMILY = ['Rahayu', 'Suryani', 'Komariah', 'Kurniasih', 'Hidayat', 'Sutisna', 'Lestari', 'Marlina'];
/** The complaint flow's categories (flows/complaint.yaml). */
const COMPLAINT_CATEGORIES = ['pkh', 'prokus', 'kis', 'kip', 'rtlh', 'adminduk', 'jamkesda', 'ppks'];
const TEXTS = ['halo', '1', 'minggu ini', '750rb', '0', '20rb', 'tidak', '1'] as const;

export const kecamatanName = (index: number) =>
  KECAMATAN[index] ?? `Kecamatan ${index + 1 - KECAMATAN.length}`;
export const desaName = (kecamatan: number, desa: number) =>
  `${kecamatanName(kecamatan)} ${DESA_SUFFIXES[desa] ?? desa}`;
export const participantPhone = (index: number) => `+62812${String(index).padStart(8, '0')}`;
const participantName = (index: number) =>
  `${GIVEN[index % GIVEN.length]} ${FAMILY[Math.floor(index / GIVEN.length) % FAMILY.length]}`;

/** Who signs in, and their API tokens. */
export interface BenchLogins {
  admin: { login: string; token: string };
  koordinator: { login: string; token: string; puskesos: string };
  mentor: { login: string; token: string; id: string };
}

/** What the seed wrote, so that the pages' figures can be checked against it. */
export interface SeededYear {
  logins: BenchLogins;
  weeks: string[];
  counts: Record<string, number>;
  /** Per week: reports and the sum of their sales. */
  byWeek: Map<string, { reports: number; sales: number }>;
  /** The mentor who signs in: their participants, and reports per week. */
  mentorParticipants: number;
  mentorReportsByWeek: Map<string, number>;
  /** Complaints of the koordinator's Puskesos, and all. */
  koordinatorComplaints: number;
  /** For the pages that show one: a participant, a report, a complaint, a session, a request. */
  samples: {
    participant: string;
    participantOfMentor: string;
    participantWithComplaint: string;
    reportWeek: string;
    complaint: string;
    complaintOfKoordinator: string;
    session: string;
    handover: string;
    participantName: string;
    /** The lines the mentor's participant's transcript shows: all kept, or its last 50. */
    transcriptLines: number;
  };
  milliseconds: Record<string, number>;
}

interface Habit {
  engagement: Engagement;
  missRate: number;
  lastWeek: number;
  scale: number;
}

/** The demo's habits (src/domain/demo/plan.ts): most report steadily, some stop, a few never do. */
function habitOf(random: () => number, weeks: number): Habit {
  const total = ENGAGEMENT_SHARES.reduce((sum, [, share]) => sum + share, 0);
  let draw = random() * total;
  let engagement: Engagement = 'steady';
  for (const [kind, share] of ENGAGEMENT_SHARES) {
    if (draw < share) {
      engagement = kind;
      break;
    }
    draw -= share;
  }
  return {
    engagement,
    missRate: 0.03 + random() * 0.17,
    lastWeek: 1 + Math.floor(random() * Math.max(1, weeks - 4)),
    scale: 300_000 + Math.floor(random() * 27) * 100_000,
  };
}

async function insertAll(
  collection: Models['auditEvents']['collection'],
  documents: Iterable<Record<string, unknown>>,
): Promise<number> {
  let batch: Record<string, unknown>[] = [];
  let count = 0;
  for (const document of documents) {
    batch.push(document);
    if (batch.length >= BATCH) {
      await collection.insertMany(batch, { ordered: false });
      count += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await collection.insertMany(batch, { ordered: false });
  return count + batch.length;
}

export async function seedRegencyYear(
  models: Models,
  options: DashboardBenchOptions,
  now: Date,
  say: (line: string) => void,
): Promise<SeededYear> {
  const random = seededRandom(20261213);
  const milliseconds: Record<string, number> = {};
  const counts: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    milliseconds[name] = performance.now() - mark;
    say(`  seeded ${name}: ${counts[name] ?? ''} in ${((performance.now() - mark) / 1000).toFixed(1)} s`);
    mark = performance.now();
  };
  const current = isoWeekOf(now, TIME_ZONE);
  const weeks = Array.from({ length: options.weeks }, (_, index) =>
    shiftIsoWeek(current, index - options.weeks),
  );

  // Offices and people.
  const puskesosIds = Array.from({ length: options.kecamatan }, () => new Types.ObjectId());
  await models.puskesos.insertMany(
    puskesosIds.map((_id, k) => ({
      _id,
      name: `Puskesos ${kecamatanName(k)}`,
      kecamatan: kecamatanName(k),
      desa: desaName(k, 0),
      servedDesa: DESA_SUFFIXES.slice(1).map((_, d) => desaName(k, d + 1)),
      services: [...PUSKESOS_SERVICES],
    })),
  );
  const staff = [
    { _id: new Types.ObjectId(), name: 'Dewi Lestari', phone: '+6281100000001', role: 'admin' },
    ...puskesosIds.flatMap((puskesos, k) => [
      {
        _id: new Types.ObjectId(),
        name: `Koordinator ${kecamatanName(k)}`,
        phone: `+628110001${String(k).padStart(4, '0')}`,
        role: 'koordinator',
        puskesos,
      },
      {
        _id: new Types.ObjectId(),
        name: `Petugas ${kecamatanName(k)}`,
        phone: `+628110002${String(k).padStart(4, '0')}`,
        role: 'front_office',
        puskesos,
      },
    ]),
  ];
  await models.staff.insertMany(staff);
  const mentorIds = Array.from({ length: options.mentors }, () => new Types.ObjectId());
  const mentorOf = (index: number) => Math.floor((index * options.mentors) / options.participants);
  const kecamatanOf = (index: number) => index % options.kecamatan;
  const mentorKecamatan = new Map<number, Set<string>>();
  for (let index = 0; index < options.participants; index++) {
    const set = mentorKecamatan.get(mentorOf(index)) ?? new Set();
    set.add(kecamatanName(kecamatanOf(index)));
    mentorKecamatan.set(mentorOf(index), set);
  }
  await models.mentors.insertMany(
    mentorIds.map((_id, m) => ({
      _id,
      name: `${m % 2 === 0 ? 'Tono' : 'Ujang'} Pendamping ${m + 1}`,
      phone: `+62813000${String(m).padStart(5, '0')}`,
      type: m % 2 === 0 ? 'MiBi' : 'TKSK',
      kecamatan: [...(mentorKecamatan.get(m) ?? [])],
    })),
  );
  counts.people = staff.length + options.mentors;
  lap('people');

  // Participants.
  const participantIds = Array.from({ length: options.participants }, () => new Types.ObjectId());
  const start = instantInWeek(weeks[0] ?? current, { weekday: 0, hour: 9, minute: 0 }, TIME_ZONE);
  counts.participants = await insertAll(
    models.participants.collection,
    (function* () {
      for (let index = 0; index < options.participants; index++) {
        const m = mentorOf(index);
        yield {
          _id: participantIds[index],
          name: participantName(index),
          phone: participantPhone(index),
          kecamatan: kecamatanName(kecamatanOf(index)),
          desa: desaName(kecamatanOf(index), Math.floor(index / options.kecamatan) % DESA_SUFFIXES.length),
          cluster: CLUSTERS[index % CLUSTERS.length],
          stage: STAGES[index % STAGES.length],
          business: { name: `Warung ${participantName(index)}` },
          capitalGrant: { amount: 3_500_000, date: start },
          mentoringWindow: { start, end: new Date(start.getTime() + 91 * 86_400_000) },
          mentors: m % 2 === 0 ? { mibi: mentorIds[m] } : { tksk: mentorIds[m] },
          language: 'id',
          consent: { purpose: 'prokus', givenAt: start, channel: CHANNEL },
          status: 'active',
          channels: {},
          createdAt: start,
          updatedAt: start,
        };
      }
    })(),
  );
  lap('participants');

  // A year of weekly reports, then their summaries and ledgers as the service keeps them.
  const byWeek = new Map(weeks.map((week) => [week, { reports: 0, sales: 0 }]));
  const signedInMentor = 0;
  const mentorReportsByWeek = new Map(weeks.map((week) => [week, 0]));
  counts.weeklyReports = await insertAll(
    models.weeklyReports.collection,
    (function* () {
      for (let index = 0; index < options.participants; index++) {
        const habit = habitOf(random, options.weeks);
        let balance = 0;
        for (const [w, week] of weeks.entries()) {
          const missed = random() < habit.missRate;
          const sales = Math.round((habit.scale * (0.75 + random() * 0.5)) / 1_000) * 1_000;
          const savingsDeposit = [0, 10_000, 20_000, 25_000, 50_000][Math.floor(random() * 5)] ?? 0;
          const reporting =
            habit.engagement === 'steady' || (habit.engagement === 'stopped' && w <= habit.lastWeek);
          if (!reporting || missed) continue;
          const savingsWithdrawal = balance >= 30_000 && random() < 0.08 ? 30_000 : 0;
          balance += savingsDeposit - savingsWithdrawal;
          const submittedAt = instantInWeek(
            week,
            { weekday: 5, hour: 18 + Math.floor(random() * 4), minute: Math.floor(random() * 60) },
            TIME_ZONE,
          );
          const totals = byWeek.get(week);
          if (totals) {
            totals.reports += 1;
            totals.sales += sales;
          }
          if (mentorOf(index) === signedInMentor)
            mentorReportsByWeek.set(week, (mentorReportsByWeek.get(week) ?? 0) + 1);
          yield {
            _id: weeklyReportKey(participantIds[index], week),
            participant: participantIds[index],
            week,
            sales,
            spending: Math.round((sales * random() * 0.6) / 1_000) * 1_000,
            savingsDeposit,
            savingsWithdrawal,
            savingsBalance: balance,
            channel: CHANNEL,
            submittedAt,
            revisions: [],
            createdAt: submittedAt,
            updatedAt: submittedAt,
          };
        }
      }
    })(),
  );
  lap('weeklyReports');
  counts.weekSummaries = await rebuildWeekSummaries(models);
  lap('weekSummaries');
  counts.roster = await rebuildParticipantRoster(models);
  lap('roster');
  counts.ledgers = await rebuildReportLedgers(models);
  lap('ledgers');

  // Complaints, each to the Puskesos of its kecamatan, over the year; most closed.
  const statuses = ['closed', 'closed', 'closed', 'closed', 'answered', 'in_progress', 'acknowledged', 'new'];
  const yearOf = now.getUTCFullYear();
  const complaintNumber = (c: number) => `PGD-${yearOf}-${String(c + 1).padStart(6, '0')}`;
  const span = now.getTime() - start.getTime();
  let koordinatorComplaints = 0;
  counts.complaints = await insertAll(
    models.complaints.collection,
    (function* () {
      for (let c = 0; c < options.complaints; c++) {
        const index = (c * 7) % options.participants;
        const k = kecamatanOf(index);
        if (k === 0) koordinatorComplaints += 1;
        const createdAt = new Date(start.getTime() + Math.floor((span * c) / options.complaints));
        const status = statuses[c % statuses.length] ?? 'new';
        const replied = status === 'closed' || status === 'answered';
        yield {
          number: complaintNumber(c),
          puskesos: puskesosIds[k],
          participant: participantIds[index],
          openedBy: `${CHANNEL}:complaint-${c}`,
          complainantChat: { channel: CHANNEL, chatId: participantPhone(index) },
          language: 'id',
          desa: desaName(k, Math.floor(index / options.kecamatan) % DESA_SUFFIXES.length),
          category: COMPLAINT_CATEGORIES[c % COMPLAINT_CATEGORIES.length],
          text: `Bantuan PKH bulan ini belum cair, mohon dicek (${c + 1})`,
          photos: [],
          status,
          acknowledgeBy: new Date(createdAt.getTime() + 86_400_000),
          answerBy: new Date(createdAt.getTime() + 5 * 86_400_000),
          dueAt: new Date(createdAt.getTime() + 5 * 86_400_000),
          events: replied
            ? [
                {
                  kind: 'reply',
                  at: new Date(createdAt.getTime() + 2 * 86_400_000),
                  byName: `Petugas ${kecamatanName(k)}`,
                  text: 'Sudah kami cek, akan cair minggu depan.',
                },
              ]
            : [],
          createdAt,
          updatedAt: createdAt,
        };
      }
    })(),
  );
  lap('complaints');
  // Their lists by Puskesos, as `summaries:rebuild` builds them.
  counts.complaintIndexes = await rebuildComplaintIndexes(models);
  lap('complaintIndexes');

  // Two mentoring sessions per mentor, one done, one planned, with all of their participants.
  const sessionIds: Types.ObjectId[] = [];
  counts.mentoringSessions = await insertAll(
    models.mentoringSessions.collection,
    (function* () {
      for (const [m, mentor] of mentorIds.entries()) {
        const theirs = participantIds.filter((_, index) => mentorOf(index) === m);
        for (const [offset, status] of [
          [-14, 'done'],
          [7, 'planned'],
        ] as const) {
          const _id = new Types.ObjectId();
          sessionIds.push(_id);
          yield {
            _id,
            mentor,
            startsAt: new Date(now.getTime() + offset * 86_400_000),
            place: `Balai desa ${kecamatanName(kecamatanOf(m))}`,
            topic: 'Pembukuan sederhana',
            status,
            participants: theirs,
            createdAt: now,
            updatedAt: now,
          };
        }
      }
    })(),
  );
  lap('mentoringSessions');
  counts.sessionIndex = await rebuildSessionIndex(models);
  lap('sessionIndex');

  // A few requests for a person, opened as the chat opens them.
  let handover = '';
  for (let h = 0; h < 20; h++) {
    const index = (h * 13) % options.participants;
    const opened = await openHandover(
      models,
      {
        inboundKey: `${CHANNEL}:bench-handover-${h}`,
        chat: { channel: CHANNEL, chatId: participantPhone(index) },
        participantId: String(participantIds[index]),
        reason: 'asked',
        topic: 'programme',
        asked: 'Saya mau tanya soal modal usaha',
        language: 'id',
        now: new Date(now.getTime() - h * 3_600_000),
      },
      { fallback: 'simulator', calendar: { timeZone: 'Asia/Jakarta', holidays: new Set<string>() } },
    );
    handover ||= opened.number;
  }
  counts.handovers = 20;
  lap('handovers');

  // The message history: each participant's chat, received and answered, spread over the year.
  const pairs = options.messages / 2;
  const perParticipant = Math.max(1, Math.ceil(pairs / options.participants));
  const inbound: Record<string, unknown>[] = [];
  const replies: Record<string, unknown>[] = [];
  const flush = async () => {
    await models.inboundMessages.collection.insertMany(inbound.splice(0), { ordered: false });
    await models.outbox.collection.insertMany(replies.splice(0), { ordered: false });
  };
  for (let i = 0; i < pairs; i++) {
    const index = i % options.participants;
    const k = Math.floor(i / options.participants);
    const week = weeks[Math.floor((k * weeks.length) / perParticipant)] ?? current;
    const chatId = participantPhone(index);
    const platformMessageId = `bench-${index}-${k}`;
    const key = `${CHANNEL}:${platformMessageId}`;
    const receivedAt = new Date(
      instantInWeek(week, { weekday: 5, hour: 19, minute: 0 }, TIME_ZONE).getTime() + k * 60_000,
    );
    const sentAt = new Date(receivedAt.getTime() + 1_500);
    const text = TEXTS[k % TEXTS.length] ?? 'halo';
    const dedupeKey = `reply:${key}:0`;
    inbound.push({
      _id: key,
      channel: CHANNEL,
      platformMessageId,
      chatId,
      receivedAt,
      status: 'processed',
      processedAt: new Date(receivedAt.getTime() + 500),
      payload: { channel: CHANNEL, chatId, platformMessageId, receivedAt, text },
      attempts: 0,
      createdAt: receivedAt,
      updatedAt: receivedAt,
    });
    replies.push({
      _id: dedupeKey,
      dedupeKey,
      channel: CHANNEL,
      chatId,
      message: { text: `Terima kasih, Bapak/Ibu. (${text})` },
      dueAt: receivedAt,
      order: receivedAt.getTime() * 1000,
      status: 'sent',
      attempts: 1,
      sentAt,
      createdAt: receivedAt,
      updatedAt: sentAt,
    });
    if (inbound.length >= BATCH) {
      await flush();
      if ((i + 1) % 100_000 === 0)
        say(`    messages: ${(i + 1) * 2} (${((performance.now() - mark) / 1000).toFixed(0)} s)`);
    }
  }
  if (inbound.length > 0) await flush();
  counts.messages = options.messages;
  // Written as an earlier version kept it: the service's start-up builds each chat's transcript from
  // it, once, as it does on a database upgraded to this version.
  await models.migrations.deleteOne({ _id: transcriptsKept.id });
  lap('messages');

  // A year of the audit log: a page view or an export now and then.
  const actions = ['participants.list', 'participant.read', 'weekly_reports.list', 'overview.read'];
  counts.auditEvents = await insertAll(
    models.auditEvents.collection,
    (function* () {
      const total = Math.floor(options.messages / 20);
      for (let a = 0; a < total; a++)
        yield {
          at: new Date(start.getTime() + Math.floor((span * a) / Math.max(1, total))),
          actor: `staff:${String(staff[a % staff.length]?._id)}`,
          action: actions[a % actions.length],
          target: actions[a % actions.length],
        };
    })(),
  );
  // Written as an earlier version kept it: the service's start-up builds the audit log's days from it.
  await models.migrations.deleteOne({ _id: auditDaysKept.id });
  lap('auditEvents');

  // Those who sign in: a password each, and an API token each.
  const admin = staff[0];
  const koordinator = staff[1];
  const mentorPhone = `+62813000${String(signedInMentor).padStart(5, '0')}`;
  for (const login of [admin?.phone, koordinator?.phone, mentorPhone])
    await setPassword(models, login ?? '', BENCH_PASSWORD);
  const token = async (kind: 'staff' | 'mentor', id: unknown) =>
    (
      await issueApiToken(
        models,
        { name: 'bench:dashboard', account: { kind, id: String(id) }, createdBy: String(admin?._id) },
        now,
      )
    ).token;
  const logins: BenchLogins = {
    admin: { login: admin?.phone ?? '', token: await token('staff', admin?._id) },
    koordinator: {
      login: koordinator?.phone ?? '',
      token: await token('staff', koordinator?._id),
      puskesos: String(puskesosIds[0]),
    },
    mentor: { login: mentorPhone, token: await token('mentor', mentorIds[0]), id: String(mentorIds[0]) },
  };

  const withComplaint = 0; // complaint 0 is participant 0's, in the koordinator's kecamatan
  return {
    logins,
    weeks,
    counts,
    byWeek,
    mentorParticipants: participantIds.filter((_, index) => mentorOf(index) === signedInMentor).length,
    mentorReportsByWeek,
    koordinatorComplaints,
    samples: {
      participant: String(participantIds[Math.floor(options.participants / 2)]),
      participantOfMentor: String(participantIds[0]),
      participantWithComplaint: String(participantIds[withComplaint]),
      reportWeek: weeks[weeks.length - 1] ?? current,
      complaint: complaintNumber(1),
      complaintOfKoordinator: complaintNumber(0),
      session: String(sessionIds[1]),
      handover,
      participantName: participantName(0),
      transcriptLines: Math.min(TRANSCRIPT_LIMIT, 2 * Math.ceil(options.messages / 2 / options.participants)),
    },
    milliseconds,
  };
}
