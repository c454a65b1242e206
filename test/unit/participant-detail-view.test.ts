import { Types } from 'mongoose';
import type { Account } from '../../src/auth';
import type { StoredParticipant } from '../../src/http/actions/participants';
import { translator } from '../../src/http/dashboard/language';
import type { Viewer } from '../../src/http/dashboard/layout';
import {
  chartWeeks,
  participantDetailView,
  type FullRecord,
  type ParticipantDetailModel,
} from '../../src/http/dashboard/participant-detail-view';

/** A participant's page is drawn from its model alone, the complaint view with less than the full one. */
const admin: Account = { kind: 'staff', id: 'a'.repeat(24), name: 'Admin Dinsos', role: 'admin' };
const viewer: Viewer = { account: admin, csrfToken: 'token-123', language: 'id', path: '/dashboard/peserta' };
const participant = {
  _id: new Types.ObjectId('c'.repeat(24)),
  name: 'Sari <Wati>',
  phone: '+6281234567890',
  kecamatan: 'Cililin',
  desa: 'Rancapanggung',
  cluster: 'kuliner',
  stage: 'pendampingan',
  status: 'active',
  language: 'id',
} as unknown as StoredParticipant;
const complaint = {
  number: 'P-2026-00001',
  status: 'new' as const,
  category: 'bansos',
  createdAt: new Date('2026-11-02T03:00:00Z'),
};
const full: FullRecord = {
  mayChange: true,
  admin: true,
  mentorNames: { MiBi: 'Tono' },
  reports: [
    {
      week: '2026-W47',
      sales: 500_000,
      spending: 0,
      savingsDeposit: 0,
      savingsWithdrawal: 0,
      savingsBalance: 90_000,
      channel: 'whatsapp',
      revisions: [],
    },
    {
      week: '2026-W45',
      sales: 300_000,
      spending: 0,
      savingsDeposit: 0,
      savingsWithdrawal: 0,
      savingsBalance: 50_000,
      channel: 'telegram',
      revisions: [{}],
    },
  ],
  sessions: [
    {
      startsAt: new Date('2026-11-10T02:00:00Z'),
      topic: 'Pembukuan',
      place: 'Balai desa',
      status: 'done',
      answer: 'attend',
      present: false,
    },
  ],
  transcript: [],
};
const draw = (model: ParticipantDetailModel) =>
  String(participantDetailView(model, translator('id'), viewer));
const base = { timeZone: 'Asia/Jakarta', participant, complaintLinks: true, complaints: [complaint] };

describe('a participant’s page', () => {
  it('shows a Puskesos only who and where, the phone masked, and the complaints', () => {
    const markup = draw(base);
    expect(markup).toContain('<h1>Sari &lt;Wati&gt;</h1>');
    expect(markup).not.toContain('+6281234567890');
    expect(markup).toContain('href="/dashboard/pengaduan/P-2026-00001"');
    expect(markup).not.toContain('Riwayat mingguan');
    expect(markup).not.toContain('Percakapan');
  });

  it('shows the full record: the edit links, the weeks with a gap charted, sessions and attendance', () => {
    const markup = draw({ ...base, complaintLinks: false, full });
    expect(markup).toContain(`href="/dashboard/peserta/${'c'.repeat(24)}/status"`);
    expect(markup).toContain('<dd>Tono</dd>');
    expect(markup).toContain('<svg');
    expect(markup).toContain('1× dikoreksi');
    expect(markup).toContain('<span class="badge terlambat">tidak hadir</span>');
    expect(markup).toContain('akan hadir');
    expect(markup).toContain('Belum ada percakapan.');
    expect(markup).not.toContain('href="/dashboard/pengaduan/P-2026-00001"');
    expect(chartWeeks(full.reports)).toEqual(['2026-W45', '2026-W46', '2026-W47']);
  });

  it('offers no changes to a viewer who may not make them', () => {
    const markup = draw({ ...base, full: { ...full, mayChange: false, admin: false, reports: [] } });
    expect(markup).not.toContain('/ubah"');
    expect(markup).toContain('Belum ada laporan mingguan.');
  });
});
