import {
  decideComplaintAction,
  offeredActions,
  type ComplaintAction,
} from '../../src/domain/complaints/lifecycle';
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

  it('refuses to close a complaint nobody answered, which would tell the complainant it is settled', () => {
    for (const status of ['new', 'acknowledged', 'in_progress', 'referred', 'reopened'] as const) {
      expect(decide(status, { kind: 'close' })).toEqual({ ok: false, reason: 'answer_first' });
    }
    expect(decide('answered', { kind: 'close', note: 'Tidak ada kabar dari pelapor' })).toMatchObject({
      ok: true,
      status: 'closed',
    });
  });

  it('lets an unrouted complaint only be passed to a Puskesos (or noted) until it has one', () => {
    const lumpaat = { id: 'p1', name: 'Puskesos Lumpaat' };
    expect(decide('unrouted', { kind: 'route', puskesos: lumpaat })).toMatchObject({
      ok: true,
      status: 'new',
      routedTo: lumpaat,
      events: [{ kind: 'status', from: 'unrouted', to: 'new', text: 'Puskesos Lumpaat', byName: 'Rina' }],
    });
    for (const action of [{ kind: 'take' }, { kind: 'reply', text: 'x' }, { kind: 'answer' }] as const) {
      expect(decide('unrouted', action)).toEqual({ ok: false, reason: 'not_routed' });
    }
    expect(decide('unrouted', { kind: 'note', text: 'Desa ini ikut Padalarang' })).toMatchObject({
      ok: true,
      status: 'unrouted',
    });
    expect(decide('new', { kind: 'route', puskesos: lumpaat })).toEqual({ ok: false, reason: 'not_allowed' });
    expect(decide('unrouted', { kind: 'route', puskesos: lumpaat }, complainant)).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
  });
});

describe('the actions offered on a complaint', () => {
  const offered = (
    status: Parameters<typeof offeredActions>[0]['status'],
    assignee?: { id: string; name: string },
    actor = rina,
  ) => offeredActions({ status, assignee }, actor);
  const rinaHasIt = { id: 'rina', name: 'Rina' };

  it('offers what the status allows, and no Tutup before an answer', () => {
    expect(offered('new')).toEqual(['reply', 'take', 'refer', 'answer', 'note']);
    expect(offered('answered', rinaHasIt)).toEqual(['reply', 'close', 'reopen', 'note']);
    expect(offered('closed', rinaHasIt)).toEqual(['reopen', 'note']);
    expect(offered('unrouted')).toEqual(['note', 'route']);
  });

  it('stops offering Ambil once it is taken, to the one who has it and to the others', () => {
    expect(offered('in_progress', rinaHasIt)).toEqual(['reply', 'refer', 'answer', 'note']);
    expect(offered('in_progress', rinaHasIt, budi)).toEqual(['reply', 'refer', 'answer', 'note']);
    // Reopened by the complainant: anyone may take it up again.
    expect(offered('reopened', rinaHasIt, budi)).toContain('take');
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
      problem: { id: expect.stringContaining('/rujuk'), en: expect.stringContaining('/refer') },
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
      problem: { id: expect.stringContaining('beberapa pengaduan'), en: expect.stringContaining('several') },
    });
    expect(parseStaffCommand('/ambil PGD-2026-000002', list)).toMatchObject({ number: 'PGD-2026-000002' });
    expect(parseStaffCommand('/selesai')).toMatchObject({
      kind: 'help',
      problem: { id: expect.stringContaining('PGD-'), en: expect.stringContaining('PGD-') },
    });
    expect(parseStaffCommand('/hapus', post)).toMatchObject({
      kind: 'help',
      problem: { id: expect.stringContaining('/hapus'), en: expect.stringContaining('/hapus') },
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
      /^⚠️ PGD-2026-000001 · sedang ditangani · PKH \(bantuan tunai\) · Batulayang · 9 hari · oleh Rina · TERLAMBAT/,
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
