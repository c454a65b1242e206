import { decideComplaintAction, type ComplaintAction } from '../../src/domain/complaints/lifecycle';
import { staffAnnouncement } from '../../src/domain/complaints/messages';
import { parseStaffCommand } from '../../src/domain/complaints/staff-command';
import { formatOpenComplaints } from '../../src/domain/complaints/staff-digest';
import { addWorkingDays, workingDaysBetween } from '../../src/domain/complaints/working-days';

const at = new Date('2026-11-30T03:00:00Z'); // Monday 10:00 in Jakarta
const rina = { kind: 'staff' as const, id: 'rina', name: 'Rina' };
const budi = { kind: 'staff' as const, id: 'budi', name: 'Budi' };
const complainant = { kind: 'complainant' as const };

describe('the complaint lifecycle', () => {
  const decide = (
    status: Parameters<typeof decideComplaintAction>[0]['status'],
    action: ComplaintAction,
    actor: Parameters<typeof decideComplaintAction>[2] = rina,
    assignee?: { id: string; name: string },
  ) => decideComplaintAction({ status, assignee }, action, actor, at);

  it('acknowledges a new complaint on the first reply and relays it', () => {
    expect(decide('new', { kind: 'reply', text: 'Kami cek dulu, Bu.' })).toMatchObject({
      ok: true,
      status: 'acknowledged',
      events: [
        { kind: 'status', from: 'new', to: 'acknowledged', by: 'rina' },
        { kind: 'reply', text: 'Kami cek dulu, Bu.', byName: 'Rina' },
      ],
    });
  });

  it('gives a complaint to whoever takes it first and tells the second who has it', () => {
    const taken = decide('new', { kind: 'take' });
    expect(taken).toMatchObject({
      ok: true,
      status: 'in_progress',
      assignee: { id: 'rina', name: 'Rina' },
      events: [{ to: 'acknowledged' }, { from: 'acknowledged', to: 'in_progress' }],
    });
    expect(decide('in_progress', { kind: 'take' }, budi, { id: 'rina', name: 'Rina' })).toEqual({
      ok: false,
      reason: 'taken',
      by: 'Rina',
    });
    expect(decide('in_progress', { kind: 'take' }, rina, { id: 'rina', name: 'Rina' })).toEqual({
      ok: false,
      reason: 'already_yours',
    });
  });

  it('refers with the service named, answers, and closes on a rating that says solved', () => {
    expect(decide('in_progress', { kind: 'refer', service: 'Dinas Kesehatan' })).toMatchObject({
      status: 'referred',
      referredTo: 'Dinas Kesehatan',
      events: [{ to: 'referred', text: 'Dinas Kesehatan' }],
    });
    expect(decide('referred', { kind: 'answer', text: 'Kartu KIS sudah aktif.' })).toMatchObject({
      status: 'answered',
      events: [{ kind: 'reply', text: 'Kartu KIS sudah aktif.' }, { to: 'answered' }],
    });
    expect(decide('answered', { kind: 'rate', score: 5, solved: true }, complainant)).toMatchObject({
      status: 'closed',
      rating: { score: 5, solved: true },
      events: [{ kind: 'rating', text: '5/5' }, { to: 'closed' }],
    });
  });

  it('reopens with a fresh answer deadline when the complainant says it is not solved', () => {
    expect(
      decide('answered', { kind: 'rate', score: 2, solved: false, comment: 'Belum cair' }, complainant),
    ).toMatchObject({
      status: 'reopened',
      restartsAnswerDeadline: true,
      events: [
        { kind: 'rating', text: '2/5: Belum cair' },
        { to: 'reopened', text: 'Belum cair' },
      ],
    });
  });

  it('keeps internal notes without changing the status, and refuses what does not fit', () => {
    expect(decide('in_progress', { kind: 'note', text: 'Sudah telepon TKSK' })).toMatchObject({
      status: 'in_progress',
      events: [{ kind: 'note', text: 'Sudah telepon TKSK' }],
    });
    expect(decide('closed', { kind: 'reply', text: 'halo' })).toEqual({ ok: false, reason: 'closed' });
    expect(decide('closed', { kind: 'message', text: 'halo' }, complainant)).toEqual({
      ok: false,
      reason: 'closed',
    });
    expect(decide('in_progress', { kind: 'rate', score: 4, solved: true }, complainant)).toEqual({
      ok: false,
      reason: 'not_answered',
    });
    expect(decide('new', { kind: 'take' }, complainant)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(decide('new', { kind: 'message', text: 'x' }, rina)).toEqual({ ok: false, reason: 'not_allowed' });
  });
});

describe('working days', () => {
  const calendar = { timeZone: 'Asia/Jakarta', holidays: new Set(['2026-12-25']) };
  const jakarta = (iso: string) => new Date(`${iso}+07:00`);

  it('counts Monday to Friday at the same time of day', () => {
    expect(addWorkingDays(jakarta('2026-11-30T10:00:00'), 1, calendar)).toEqual(
      jakarta('2026-12-01T10:00:00'),
    );
    expect(addWorkingDays(jakarta('2026-12-04T15:00:00'), 1, calendar)).toEqual(
      jakarta('2026-12-07T15:00:00'),
    );
    expect(addWorkingDays(jakarta('2026-11-30T10:00:00'), 5, calendar)).toEqual(
      jakarta('2026-12-07T10:00:00'),
    );
  });

  it('skips public holidays and starts a weekend complaint on the next working morning', () => {
    expect(addWorkingDays(jakarta('2026-12-24T09:30:00'), 1, calendar)).toEqual(
      jakarta('2026-12-28T09:30:00'),
    );
    expect(addWorkingDays(jakarta('2026-12-05T20:00:00'), 1, calendar)).toEqual(
      jakarta('2026-12-08T08:00:00'),
    );
  });

  it('counts the working days between two moments', () => {
    expect(workingDaysBetween(jakarta('2026-12-24T09:00:00'), jakarta('2026-12-29T09:00:00'), calendar)).toBe(
      2,
    );
    expect(workingDaysBetween(jakarta('2026-12-29T09:00:00'), jakarta('2026-12-24T09:00:00'), calendar)).toBe(
      0,
    );
  });
});

describe('staff commands in chat', () => {
  const post = 'Pengaduan baru PGD-2026-000012\nKategori: pkh';

  it('takes the complaint from the message replied to, or from the number written', () => {
    expect(parseStaffCommand('/ambil', post)).toEqual({
      kind: 'act',
      number: 'PGD-2026-000012',
      action: { kind: 'take' },
    });
    expect(parseStaffCommand('/ambil@PendampingBot pgd-2026-000007')).toEqual({
      kind: 'act',
      number: 'PGD-2026-000007',
      action: { kind: 'take' },
    });
  });

  it('reads the service of a referral and the text of a note, asking for them when missing', () => {
    expect(parseStaffCommand('/rujuk Dinas Kesehatan', post)).toMatchObject({
      action: { kind: 'refer', service: 'Dinas Kesehatan' },
    });
    expect(parseStaffCommand('/rujuk PGD-2026-000003 Disdukcapil')).toMatchObject({
      number: 'PGD-2026-000003',
      action: { kind: 'refer', service: 'Disdukcapil' },
    });
    expect(parseStaffCommand('/rujuk', post)).toMatchObject({
      kind: 'help',
      problem: expect.stringContaining('/rujuk'),
    });
    expect(parseStaffCommand('/catatan sudah telepon', post)).toMatchObject({
      action: { kind: 'note', text: 'sudah telepon' },
    });
  });

  it('relays a plain reply, and explains what it needs otherwise', () => {
    expect(parseStaffCommand('Besok kami kunjungi, Bu.', post)).toEqual({
      kind: 'act',
      number: 'PGD-2026-000012',
      action: { kind: 'reply', text: 'Besok kami kunjungi, Bu.' },
    });
    expect(parseStaffCommand('halo')).toEqual({ kind: 'help' });
    const list = 'Pengaduan terbuka: 2\nPGD-2026-000001 · baru\nPGD-2026-000002 · baru';
    expect(parseStaffCommand('Sudah saya telepon', list)).toMatchObject({
      kind: 'help',
      problem: expect.stringContaining('beberapa pengaduan'),
    });
    expect(parseStaffCommand('/ambil PGD-2026-000002', list)).toMatchObject({ number: 'PGD-2026-000002' });
    expect(parseStaffCommand('/selesai')).toMatchObject({
      kind: 'help',
      problem: expect.stringContaining('PGD-'),
    });
    expect(parseStaffCommand('/hapus', post)).toMatchObject({
      kind: 'help',
      problem: expect.stringContaining('/hapus'),
    });
    expect(parseStaffCommand('/aduan')).toEqual({ kind: 'list' });
  });
});

describe('the staff list of open complaints', () => {
  it('puts overdue complaints first, with their age and who has them', () => {
    const now = new Date('2026-12-03T01:00:00Z');
    const text = formatOpenComplaints(
      'Puskesos Lumpaat',
      [
        {
          number: 'PGD-2026-000002',
          status: 'new',
          category: 'kis',
          desa: 'Batulayang',
          createdAt: new Date('2026-12-02T02:00:00Z'),
          dueAt: new Date('2026-12-03T02:00:00Z'),
        },
        {
          number: 'PGD-2026-000001',
          status: 'in_progress',
          category: 'pkh',
          desa: 'Batulayang',
          assigneeName: 'Rina',
          createdAt: new Date('2026-11-24T02:00:00Z'),
          dueAt: new Date('2026-12-01T02:00:00Z'),
        },
      ],
      now,
      'Asia/Jakarta',
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('Pengaduan terbuka Puskesos Lumpaat: 2, terlambat 1');
    expect(lines[1]).toMatch(
      /^⚠️ PGD-2026-000001 · sedang ditangani · PKH · Batulayang · 9 hari · oleh Rina · TERLAMBAT/,
    );
    expect(lines[2]).toMatch(/^PGD-2026-000002 · .* · 1 hari · belum diambil · batas /);
  });
});

describe('what staff are told an action did', () => {
  it('says it in Indonesian for the chat group, and in English for an English page', () => {
    const taken = { kind: 'status', to: 'in_progress' as const, byName: 'Rina' };
    expect(staffAnnouncement('PGD-2026-000001', taken)).toBe('PGD-2026-000001 diambil oleh Rina.');
    expect(staffAnnouncement('PGD-2026-000001', taken, 'en')).toBe('PGD-2026-000001 taken by Rina.');
    const referred = { kind: 'status', to: 'referred' as const, byName: 'Rina', text: 'Dinas Kesehatan' };
    expect(staffAnnouncement('PGD-2026-000001', referred, 'en')).toBe(
      'PGD-2026-000001 referred to Dinas Kesehatan by Rina.',
    );
    expect(staffAnnouncement('PGD-2026-000001', { kind: 'reply', byName: 'Rina' }, 'en')).toBe(
      "PGD-2026-000001: Rina's reply was sent to the complainant.",
    );
  });
});
