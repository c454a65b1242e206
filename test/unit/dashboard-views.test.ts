import type { Account } from '../../src/auth';
import { translator, type PageLanguage } from '../../src/http/dashboard/language';
import type { Viewer } from '../../src/http/dashboard/layout';
import { auditLogView, type AuditLogModel } from '../../src/http/dashboard/audit-log';
import { mentorFormView } from '../../src/http/dashboard/participant-mentors';
import { statusFormView } from '../../src/http/dashboard/participant-status';
import { attendanceView, type AttendanceModel } from '../../src/http/dashboard/session-attendance-page';
import { overviewView, type OverviewModel } from '../../src/http/dashboard/overview';
import { newParticipantView, type NewParticipantModel } from '../../src/http/dashboard/participant-new';
import { savedRepliesView } from '../../src/http/dashboard/saved-replies';
import { peopleView, type PeopleModel } from '../../src/http/dashboard/people';
import { monthGrid } from '../../src/http/dashboard/session-calendar';
import { sessionFormView, type SessionFormModel } from '../../src/http/dashboard/session-form';
import { participantEditView, type ParticipantEditModel } from '../../src/http/dashboard/participant-edit';
import { participantListView, type ParticipantListModel } from '../../src/http/dashboard/participant-list';
import {
  reportCorrectionView,
  type ReportCorrectionModel,
} from '../../src/http/dashboard/weekly-reports-correction';
import {
  sessionListView,
  type SessionListModel,
  type SessionRow,
} from '../../src/http/dashboard/session-list';

/** The dashboard's views are pure: a model in, the markup a user sees out, without a database. */
const admin: Account = { kind: 'staff', id: 'a'.repeat(24), name: 'Admin Dinsos', role: 'admin' };
const viewerOf = (account: Account, language: PageLanguage = 'id'): Viewer => ({
  account,
  csrfToken: 'token-123',
  language,
  path: '/dashboard',
});
const draw = <M>(
  view: (model: M, t: ReturnType<typeof translator>, viewer: Viewer) => unknown,
  model: M,
  viewer: Viewer,
) => String(view(model, translator(viewer.language), viewer));

describe('saved replies', () => {
  const unit = { id: 'b'.repeat(24), name: 'Puskesos Lumpaat' };

  it('shows each reply in a box, one empty box more, and the form with the CSRF token', () => {
    const markup = draw(
      savedRepliesView,
      { owner: 'dinsos', units: [], fields: ['Silakan datang <besok>', ''] },
      viewerOf(admin),
    );
    expect(markup).toContain('<h1>Balasan tersimpan</h1>');
    expect(markup.match(/<textarea/g)).toHaveLength(2);
    expect(markup).toContain('>Silakan datang &lt;besok&gt;</textarea>');
    expect(markup).toContain('name="csrf" value="token-123"');
    expect(markup).toContain('name="owner" value="dinsos"');
    expect(markup).not.toContain('Milik:');
  });

  it('lets an admin switch between Dinsos and each Puskesos, marking the one shown', () => {
    const markup = draw(
      savedRepliesView,
      { owner: `puskesos:${unit.id}`, units: [unit], fields: [''] },
      viewerOf(admin, 'en'),
    );
    expect(markup).toContain('Of:');
    expect(markup).toMatch(
      new RegExp(
        `href="/dashboard/bantuan/balasan\\?pemilik=puskesos:${unit.id}"\\s+aria-current="page"\\s*>Puskesos Lumpaat`,
      ),
    );
    expect(markup).toMatch(/href="\/dashboard\/bantuan\/balasan"\s*>Dinsos/);
    expect(markup).toContain('Back to the requests');
  });
});

describe('audit log', () => {
  const entry = {
    at: new Date('2026-11-23T02:00:00Z'),
    actor: `staff:${'c'.repeat(24)}`,
    actorName: 'Dewi <Admin>',
    action: 'participants.export',
    target: '',
    from: '10.0.0.1',
    details: 'count: 12',
  };
  const model = (changes: Partial<AuditLogModel>): AuditLogModel => ({
    typed: { aksi: '', pelaku: '' },
    refused: [],
    timeZone: 'Asia/Jakarta',
    events: [entry],
    filters: {},
    sebelum: undefined,
    older: undefined,
    ...changes,
  });

  it('lists each entry at its local time, by the actor’s name linking to their entries', () => {
    const markup = draw(auditLogView, model({}), viewerOf(admin));
    expect(markup).toContain('2026-11-23 09:00:00');
    expect(markup).toContain('Waktu (Asia/Jakarta)');
    expect(markup).toContain(`href="/dashboard/audit?pelaku=staff%3A${'c'.repeat(24)}"`);
    expect(markup).toContain('>Dewi &lt;Admin&gt;</a');
    expect(markup).toContain('<code>participants.export</code>');
    expect(markup).not.toContain('Lebih lama');
  });

  it('keeps the filters in the downloads and the pager, and offers the newest again from an older page', () => {
    const markup = draw(
      auditLogView,
      model({ filters: { aksi: 'sign_in' }, sebelum: '1-' + 'd'.repeat(24), older: '0-' + 'e'.repeat(24) }),
      viewerOf(admin, 'en'),
    );
    expect(markup).toContain('href="/dashboard/audit/unduh?aksi=sign_in&amp;format=csv"');
    expect(markup).toContain(
      `rel="next" href="/dashboard/audit?aksi=sign_in&amp;sebelum=0-${'e'.repeat(24)}"`,
    );
    expect(markup).toContain('href="/dashboard/audit?aksi=sign_in">« Newest');
  });

  it('says why a filter was refused, keeps what was typed, and shows no entries', () => {
    const markup = draw(
      auditLogView,
      model({ typed: { aksi: 'sign in!', pelaku: '' }, refused: ['aksi', 'warna'], events: [] }),
      viewerOf(admin),
    );
    expect(markup).toContain('Aksi: tulis huruf, angka, titik atau garis bawah saja, paling banyak 60.');
    expect(markup).toContain('Isian tidak dikenal: warna.');
    expect(markup).toContain('value="sign in!"');
    expect(markup).not.toContain('<table');
  });
});

describe('a participant’s status', () => {
  const participant = { id: 'f'.repeat(24), name: 'Siti Aminah', status: 'active' as const };

  it('offers only the statuses the participant is not in, and says what changing it stops', () => {
    const markup = draw(statusFormView, { participant, values: {}, problems: {} }, viewerOf(admin));
    expect(markup).toContain('Ubah status peserta: Siti Aminah');
    expect(markup).toContain('Status sekarang: <strong>aktif</strong>');
    expect(markup).toMatch(/<option value="graduated"\s*>\s*lulus/);
    expect(markup).toMatch(/<option value="withdrawn"\s*>\s*keluar/);
    expect(markup).not.toContain('value="active"');
    expect(markup).toContain(`action="/dashboard/peserta/${participant.id}/status"`);
    expect(markup).not.toContain('role="alert"');
  });

  it('shows a refused form again with what was typed and each problem, linked from the summary', () => {
    const markup = draw(
      statusFormView,
      {
        participant,
        values: { status: 'graduated', on: '2030-01-01', reason: 'Usaha <jalan>' },
        problems: { on: 'tidak boleh di masa depan' },
      },
      viewerOf(admin),
    );
    expect(markup).toContain('<a href="#field-on">Tanggal</a>: tidak boleh di masa depan');
    expect(markup).toContain('aria-describedby="error-on"');
    expect(markup).toMatch(/<option value="graduated" selected>/);
    expect(markup).toContain('value="2030-01-01"');
    expect(markup).toContain('Usaha &lt;jalan&gt;</textarea>');
  });
});

describe('a participant’s mentors', () => {
  const mentors = [
    { id: '1'.repeat(24), name: 'Asih', type: 'TKSK' as const, kecamatan: ['Lembang'] },
    { id: '2'.repeat(24), name: 'Tono', type: 'MiBi' as const, kecamatan: ['Cisarua', 'Parongpong'] },
  ];
  const participant = { id: 'f'.repeat(24), name: 'Euis' };

  it('offers each mentor in the slot of their type, the current one chosen', () => {
    const markup = draw(
      mentorFormView,
      { participant, mentors, values: { mibi: mentors[1]!.id, tksk: '' }, problems: {} },
      viewerOf(admin),
    );
    const [mibi, tksk] = markup.split('<select').slice(1);
    expect(mibi).toContain('Tono (Cisarua, Parongpong)');
    expect(mibi).not.toContain('Asih');
    expect(mibi).toMatch(new RegExp(`value="${mentors[1]!.id}" selected`));
    expect(tksk).toContain('Asih (Lembang)');
    expect(tksk).toContain('(tanpa pendamping)');
  });

  it('names each refused choice and why, in the viewer’s language', () => {
    const markup = draw(
      mentorFormView,
      {
        participant,
        mentors,
        values: { mibi: mentors[0]!.id, tksk: '3'.repeat(24) },
        problems: { mibi: { kind: 'other_type', name: 'Asih', type: 'TKSK' }, tksk: { kind: 'unknown' } },
      },
      viewerOf(admin, 'en'),
    );
    expect(markup).toContain('Nothing was saved. Check these fields:');
    expect(markup).toContain('<a href="#field-mibi">MiBi</a>: Asih is a TKSK, not a MiBi');
    expect(markup).toContain('TKSK: no such mentor; choose from the list');
  });
});

describe('a session’s attendance', () => {
  const mentor: Account = { kind: 'mentor', id: '9'.repeat(24), name: 'Tono', mentorType: 'MiBi' };
  const model = (closed: AttendanceModel['closed']): AttendanceModel => ({
    session: {
      id: '8'.repeat(24),
      topic: 'Pembukuan sederhana',
      startsAt: new Date('2026-12-03T02:00:00Z'),
      place: 'Balai desa',
      status: 'planned',
      invited: 2,
    },
    timeZone: 'Asia/Jakarta',
    closed,
    people: [
      { id: '1'.repeat(24), name: 'Euis', desa: 'Cikole', answer: 'attend', present: true },
      { id: '2'.repeat(24), name: 'Siti', desa: 'Jayagiri', answer: undefined, present: undefined },
    ],
  });

  it('lists the invited with their answer, ticks who was recorded present, and saves', () => {
    const markup = draw(attendanceView, model(undefined), viewerOf(mentor));
    expect(markup).toContain('Kehadiran: Pembukuan sederhana');
    expect(markup).toMatch(new RegExp(`value="${'1'.repeat(24)}"\\s+checked`));
    expect(markup).not.toMatch(new RegExp(`value="${'2'.repeat(24)}"\\s+checked`));
    expect(markup).toContain('akan hadir');
    expect(markup).toContain('belum menjawab');
    expect(markup).toContain('Simpan kehadiran');
    expect(markup).toContain('09.00');
  });

  it('before the session begins, says so and offers no button', () => {
    const markup = draw(attendanceView, model('not_started'), viewerOf(mentor, 'en'));
    expect(markup).toContain('This session has not begun yet.');
    expect(markup).toContain('disabled');
    expect(markup).not.toContain('Save attendance');
  });
});

describe('the overview', () => {
  const desk: Account = {
    kind: 'staff',
    id: '7'.repeat(24),
    name: 'Rina',
    role: 'front_office',
    puskesos: '6'.repeat(24),
  };
  const lumpaat = '6'.repeat(24);
  const model = (changes: Partial<OverviewModel>): OverviewModel => ({
    of: 'puskesos',
    puskesosName: 'Puskesos Lumpaat',
    week: '2026-W48',
    participants: undefined,
    complaints: {
      figures: { open: 3, overdue: 1, byPuskesos: [{ puskesos: lumpaat, open: 3, overdue: 1 }] },
      names: new Map([[lumpaat, 'Puskesos Lumpaat']]),
    },
    answers: { answered: 2, medianHoursToAnswer: 5 },
    ...changes,
  });

  it('shows a Puskesos desk its complaints only, under its name, without the table by Puskesos', () => {
    const markup = draw(overviewView, model({}), viewerOf(desk));
    expect(markup).toContain('Ringkasan pengaduan · Puskesos Lumpaat');
    expect(markup).toMatch(/id="pengaduan-terbuka"[\s\S]*?>3</);
    expect(markup).toMatch(/id="pengaduan-terlambat"[\s\S]*?>1</);
    expect(markup).not.toContain('peserta aktif');
    expect(markup).not.toContain('id="per-puskesos"');
  });

  it('shows a Dinsos admin the open complaints by Puskesos', () => {
    const markup = draw(
      overviewView,
      model({ of: 'programme', puskesosName: undefined, answers: undefined }),
      viewerOf(admin, 'en'),
    );
    expect(markup).toContain('<h1>Programme overview</h1>');
    expect(markup).toMatch(/id="per-puskesos"[\s\S]*<td>Puskesos Lumpaat<\/td>/);
  });
});

describe('adding a participant', () => {
  const values = {
    nama: 'Neng',
    no_hp: '0812 0000 7777',
    nik: '',
    kecamatan: 'Cililin',
    desa: 'Batulayang',
    klaster: 'kuliner',
    tahap: '',
    nama_usaha: '',
    hp_mibi: '+6281300000201',
    hp_tksk: '',
    bahasa: 'id',
    desa_baru: '',
  };
  const model = (changes: Partial<NewParticipantModel>): NewParticipantModel => ({
    values,
    problems: {},
    phoneTaken: false,
    kecamatan: ['Cililin', 'Lembang'],
    desa: ['Batulayang', 'Cikole'],
    mentors: [{ phone: '+6281300000201', name: 'Tono', type: 'MiBi' }],
    ...changes,
  });

  it('offers the known places and the mentors of each type, keeping what was chosen', () => {
    const markup = draw(newParticipantView, model({}), viewerOf(admin));
    expect(markup).toMatch(/<option value="Cililin" selected>/);
    expect(markup).toContain('<option value="Cikole"></option>');
    expect(markup).toMatch(/<option value="\+6281300000201" selected>\s*Tono/);
    expect(markup).not.toContain('role="alert"');
  });

  it('says a phone already taken belongs to someone else, next to the phone field', () => {
    const markup = draw(newParticipantView, model({ phoneTaken: true }), viewerOf(admin, 'en'));
    expect(markup).toContain(
      '<a href="#field-no_hp">Phone</a>: this phone number belongs to another participant; one number is for one participant only',
    );
    expect(markup).toContain('value="0812 0000 7777"');
  });
});

describe('staff and mentors', () => {
  const model = (changes: Partial<PeopleModel>): PeopleModel => ({
    mentors: [{ id: 'd'.repeat(24), name: 'Tono', type: 'MiBi', kecamatan: ['Cililin'], disabled: true }],
    staff: [
      { id: admin.id, name: 'Admin Dinsos', role: 'admin', puskesos: undefined, disabled: false },
      {
        id: 'e'.repeat(24),
        name: 'Rina',
        role: 'front_office',
        puskesos: 'Puskesos Lumpaat',
        disabled: false,
      },
    ],
    kecamatan: ['Cililin'],
    puskesos: ['Puskesos Lumpaat'],
    ...changes,
  });

  it('lists each account with its state and the button that changes it, but not for the viewer’s own', () => {
    const markup = draw(peopleView, model({}), viewerOf(admin));
    expect(markup).toContain('<span class="badge">nonaktif</span>');
    expect(markup).toMatch(
      new RegExp(
        `action="/dashboard/orang/mentor/${'d'.repeat(24)}/status"[^]*?value="enable"[^]*?Aktifkan Tono`,
      ),
    );
    expect(markup).toMatch(/aria-label="Nonaktifkan Rina"/);
    expect(markup).not.toContain(`/dashboard/orang/staff/${admin.id}/status`);
    expect(markup).toContain('akun Anda');
    expect(markup).toMatch(/<td>\s*Puskesos Lumpaat\s*<\/td>/);
    expect(markup).toMatch(/<td>\s*Dinsos\s*<\/td>/);
    expect(markup).not.toContain('role="alert"');
  });

  it('shows a refused form again with what was typed and each problem, the other form left empty', () => {
    const refused = {
      kind: 'staff' as const,
      values: {
        nama: 'Rina Kedua',
        no_hp: '0813-0000-0201',
        email: 'rina@',
        peran: 'koordinator',
        puskesos: '',
      },
      problems: { email: 'alamat email tidak sah' },
      phoneTaken: true,
    };
    const markup = draw(peopleView, model({ refused }), viewerOf(admin, 'en'));
    expect(markup).toContain('Nothing was saved. Check these fields:');
    expect(markup).toContain('Email: alamat email tidak sah');
    expect(markup).toContain('Phone: this phone number belongs to other staff or a mentor');
    expect(markup).toMatch(/id="staff-nama"\s+name="nama"\s+value="Rina Kedua"/);
    expect(markup).toMatch(/id="mentor-nama"\s+name="nama"\s+value=""/);
    expect(markup).toMatch(/<option value="koordinator"\s+selected>/);
  });
});

describe('the sessions list', () => {
  const mentor: Account = { kind: 'mentor', id: '9'.repeat(24), name: 'Tono', mentorType: 'MiBi' };
  const now = new Date('2026-11-23T02:00:00Z');
  const session = (changes: Partial<SessionRow>): SessionRow => ({
    id: '8'.repeat(24),
    startsAt: new Date('2026-11-26T02:30:00Z'),
    place: 'Balai Desa Batulayang',
    topic: 'Pembukuan sederhana',
    status: 'planned',
    invited: 6,
    yes: 2,
    no: 1,
    present: undefined,
    ...changes,
  });
  const model = (changes: Partial<SessionListModel>): SessionListModel => ({
    admin: false,
    filters: {},
    kecamatan: ['Cililin', 'Lembang'],
    mentors: [],
    now,
    timeZone: 'Asia/Jakarta',
    calendar: undefined,
    upcoming: [],
    past: [],
    ...changes,
  });

  it('lists a session to come with its answers and a link to change it, and one held with its attendance', () => {
    const held = session({ id: '7'.repeat(24), startsAt: new Date('2026-11-19T02:00:00Z'), present: 4 });
    const markup = draw(sessionListView, model({ upcoming: [session({})], past: [held] }), viewerOf(mentor));
    expect(markup).toContain('<h1>Sesi pendampingan</h1>');
    expect(markup).toMatch(/ya 2 · tidak 1/);
    expect(markup).toContain(`href="/dashboard/sesi/${'8'.repeat(24)}/ubah"`);
    expect(markup).not.toContain(`href="/dashboard/sesi/${'8'.repeat(24)}/kehadiran"`);
    expect(markup).toContain(`href="/dashboard/sesi/${'7'.repeat(24)}/kehadiran"`);
    expect(markup).toMatch(/<td class="number">4<\/td>/);
    expect(markup).toMatch(/<td class="number">—<\/td>/);
    // A mentor has no mentor column and no mentor filter.
    expect(markup).not.toContain('filter-mentor');
  });

  it('says when there is nothing to come or past, in the viewer’s language', () => {
    const markup = draw(sessionListView, model({}), viewerOf(mentor, 'en'));
    expect(markup).toContain('No session planned yet.');
    expect(markup).toContain('No past session yet.');
  });

  it('shows an admin each session’s mentor and keeps the filters in the downloads and the view switch', () => {
    const markup = draw(
      sessionListView,
      model({
        admin: true,
        filters: { pendamping: '9'.repeat(24), kecamatan: 'Cililin' },
        mentors: [{ id: '9'.repeat(24), name: 'Tono' }],
        upcoming: [session({ mentor: 'Tono' })],
      }),
      viewerOf(admin),
    );
    expect(markup).toContain('<td class="optional">Tono</td>');
    expect(markup).toMatch(new RegExp(`<option value="${'9'.repeat(24)}"\\s+selected>`));
    expect(markup).toContain(
      `/dashboard/sesi/unduh?pendamping=${'9'.repeat(24)}&amp;kecamatan=Cililin&amp;format=xlsx`,
    );
    expect(markup).toContain(
      `/dashboard/sesi?pendamping=${'9'.repeat(24)}&amp;kecamatan=Cililin&amp;tampilan=kalender`,
    );
  });

  it('draws the month as a calendar, each session on its local day, linking to the months around it', () => {
    const grid = monthGrid('2026-11', [session({})], 'Asia/Jakarta', now);
    const markup = draw(sessionListView, model({ calendar: grid }), viewerOf(mentor));
    const cell = /<td[^>]*data-date="2026-11-26"[^>]*>([\s\S]*?)<\/td>/.exec(markup)?.[1] ?? '';
    expect(cell).toContain('09.30 Pembukuan sederhana');
    expect(markup).toContain('bulan=2026-10');
    expect(markup).toContain('bulan=2026-12');
    expect(markup).toContain('/dashboard/sesi/unduh?bulan=2026-11&amp;format=csv');
  });
});

describe('planning or changing a session', () => {
  const mentor: Account = { kind: 'mentor', id: '9'.repeat(24), name: 'Tono', mentorType: 'MiBi' };
  const model = (changes: Partial<SessionFormModel>): SessionFormModel => ({
    session: undefined,
    mentor: { id: mentor.id, name: 'Tono' },
    mentors: [],
    people: [
      { id: '1'.repeat(24), name: 'Euis', desa: 'Cikole', kecamatan: 'Lembang' },
      { id: '2'.repeat(24), name: 'Siti', desa: 'Batulayang', kecamatan: 'Cililin' },
    ],
    values: {
      pendamping: '',
      tanggal: '2026-12-03',
      jam: '25:00',
      tempat: 'Balai desa',
      topik: '',
      peserta: ['2'.repeat(24)],
    },
    problems: {},
    timeZone: 'Asia/Jakarta',
    ...changes,
  });

  it('offers the mentor’s participants, ticking those chosen, and no cancel form for a new session', () => {
    const markup = draw(sessionFormView, model({}), viewerOf(mentor));
    expect(markup).toContain('<h1>Rencanakan sesi</h1>');
    expect(markup).toContain('Pendamping: <strong>Tono</strong>');
    expect(markup).toMatch(new RegExp(`value="${'2'.repeat(24)}"\\s+checked`));
    expect(markup).not.toMatch(new RegExp(`value="${'1'.repeat(24)}"\\s+checked`));
    expect(markup).toContain('action="/dashboard/sesi/baru"');
    expect(markup).not.toContain('Batalkan sesi');
    // Only an admin's form carries the mentor it is for.
    expect(markup).not.toContain('name="pendamping"');
  });

  it('shows each problem next to its field and above the form, keeping what was typed', () => {
    const markup = draw(
      sessionFormView,
      model({ problems: { jam: 'invalid', topik: 'invalid', peserta: 'not_followed' } }),
      viewerOf(mentor, 'en'),
    );
    expect(markup).toMatch(/id="error-jam">\s*Time: give a time such as 09:00\.\s*</);
    expect(markup).toContain('Topic: write 3 to 120 characters.');
    expect(markup).toContain('Participants: some are not followed by this session’s mentor.');
    expect(markup).toContain('value="25:00"');
    expect(markup).toMatch(/id="jam"[^>]*aria-invalid="true"/);
  });

  it('shows a session being changed with its time now, and the form cancelling it', () => {
    const session = { id: '8'.repeat(24), startsAt: new Date('2026-11-26T02:30:00Z') };
    const markup = draw(sessionFormView, model({ session }), viewerOf(mentor));
    expect(markup).toContain('<h1>Ubah sesi</h1>');
    expect(markup).toMatch(/Sekarang: Kam, 26 Nov 2026,? 09[.:]30/);
    expect(markup).toContain(`action="/dashboard/sesi/${'8'.repeat(24)}/ubah"`);
    expect(markup).toContain(`action="/dashboard/sesi/${'8'.repeat(24)}/batal"`);
    expect(markup).toContain('Simpan perubahan');
  });

  it('asks a Dinsos admin first which mentor the session is for', () => {
    const markup = draw(
      sessionFormView,
      model({
        mentor: undefined,
        people: [],
        mentors: [{ id: mentor.id, name: 'Tono', kecamatan: ['Cililin', 'Lembang'] }],
        problems: { pendamping: 'invalid' },
      }),
      viewerOf(admin),
    );
    expect(markup).toContain('method="get" action="/dashboard/sesi/baru"');
    expect(markup).toMatch(/Tono \(Cililin, Lembang\)/);
    expect(markup).toContain('Pendamping: pilih pendamping sesi ini.');
    expect(markup).toContain('Lanjut: pilih peserta');
    expect(markup).not.toContain('name="tanggal"');
  });

  it('carries the chosen mentor in an admin’s form for a new session', () => {
    const markup = draw(sessionFormView, model({}), viewerOf(admin));
    expect(markup).toContain(`name="pendamping" value="${mentor.id}"`);
  });
});

describe('changing a participant’s record', () => {
  const mentor: Account = { kind: 'mentor', id: '9'.repeat(24), name: 'Tono', mentorType: 'MiBi' };
  const model = (problems: ParticipantEditModel['problems'] = {}): ParticipantEditModel => ({
    participant: { id: '1'.repeat(24), name: 'Siti Aminah' },
    values: {
      name: 'Siti Aminah',
      phone: '0812-34',
      kecamatan: 'Cililin',
      desa: 'Batulayang',
      cluster: 'kuliner',
      stage: 'start_up',
      businessName: 'Warung <Siti>',
      businessDescription: 'Gorengan',
      language: 'su',
      timeZone: '',
    },
    problems,
  });

  it('shows the record in the form, each choice selected, and says the NIK is changed elsewhere', () => {
    const markup = draw(participantEditView, model(), viewerOf(mentor));
    expect(markup).toContain('Ubah data peserta: Siti Aminah');
    expect(markup).toContain('value="Warung &lt;Siti&gt;"');
    expect(markup).toMatch(/<option value="su"\s+selected>\s*Basa Sunda/);
    expect(markup).toMatch(/<option value=""\s+selected>\s*Sama dengan program \(WIB\)/);
    expect(markup).toContain(`action="/dashboard/peserta/${'1'.repeat(24)}/ubah"`);
    expect(markup).toContain('NIK tidak bisa diubah di sini');
    expect(markup).not.toContain('role="alert"');
  });

  it('names each refused field in the viewer’s language, a phone in use among them', () => {
    const markup = draw(
      participantEditView,
      model({
        name: { kind: 'required' },
        phone: { kind: 'phone_taken' },
        stage: { kind: 'refused', reason: 'tidak dikenal' },
      }),
      viewerOf(mentor, 'en'),
    );
    expect(markup).toContain('<a href="#field-name">Name</a>: required');
    expect(markup).toContain(
      '<a href="#field-phone">Phone</a>: this phone number belongs to another participant; one number is for one participant only',
    );
    expect(markup).toContain('<a href="#field-stage">Stage</a>: tidak dikenal');
    expect(markup).toMatch(/id="field-phone"[^>]*aria-invalid="true"/);
    expect(markup).toContain('value="0812-34"');
  });
});

describe('a participant’s week', () => {
  const mentor: Account = { kind: 'mentor', id: '9'.repeat(24), name: 'Tono', mentorType: 'MiBi' };
  const figures = { sales: 1_250_000, spending: 300_000, savingsDeposit: 50_000, savingsWithdrawal: 0 };
  const model = (changes: Partial<ReportCorrectionModel>): ReportCorrectionModel => ({
    participant: { id: '1'.repeat(24), name: 'Siti Aminah', kecamatan: 'Cililin', desa: 'Batulayang' },
    week: '2026-W47',
    thisWeek: '2026-W48',
    timeZone: 'Asia/Jakarta',
    report: undefined,
    versions: [],
    typed: { sales: '', spending: '', savingsDeposit: '', savingsWithdrawal: '', reason: '' },
    problems: {},
    ...changes,
  });

  it('says a missing report is missing and offers to enter it, with the week after linked', () => {
    const markup = draw(reportCorrectionView, model({}), viewerOf(mentor));
    expect(markup).toContain('belum lapor');
    expect(markup).toContain('Belum ada laporan.');
    expect(markup).toContain('Isi laporan yang belum ada');
    expect(markup).toContain(`href="/dashboard/laporan/${'1'.repeat(24)}/2026-W48"`);
    expect(markup).toContain(`action="/dashboard/laporan/${'1'.repeat(24)}/2026-W47"`);
  });

  it('lists every version of a corrected report, who sent each, and offers no week after this one', () => {
    const submittedAt = new Date('2026-11-20T03:00:00Z');
    const markup = draw(
      reportCorrectionView,
      model({
        week: '2026-W48',
        report: {
          ...figures,
          savingsBalance: 60_000,
          submittedAt,
          by: { kind: 'account', name: 'Tono' },
          channel: 'dashboard',
        },
        versions: [
          {
            ...figures,
            submittedAt,
            by: { kind: 'account', name: undefined },
            channel: 'dashboard',
            reason: 'Salah ketik',
          },
          {
            ...figures,
            sales: 1_200_000,
            submittedAt,
            by: { kind: 'participant' },
            channel: 'simulator',
            reason: undefined,
          },
        ],
      }),
      viewerOf(mentor),
    );
    expect(markup).toContain('<dd class="balance">Rp60.000</dd>');
    expect(markup).toMatch(/<td>sekarang<\/td>[^]*?\(akun dihapus\)[^]*?Salah ketik/);
    expect(markup).toMatch(/<td>sebelumnya<\/td>[^]*?peserta sendiri[^]*?Rp1\.200\.000/);
    expect(markup).toContain('Simpan koreksi');
    expect(markup).not.toContain('rel="next"');
  });

  it('names each refused field in the viewer’s language, keeping what was typed', () => {
    const markup = draw(
      reportCorrectionView,
      model({
        typed: { sales: '', spending: 'banyak', savingsDeposit: '', savingsWithdrawal: '', reason: 'x' },
        problems: {
          sales: { kind: 'sales_required' },
          spending: { kind: 'no_amount' },
          reason: { kind: 'reason' },
        },
      }),
      viewerOf(mentor, 'en'),
    );
    expect(markup).toContain('Please check: Omzet, Spending on stock, Reason.');
    expect(markup).toContain('Sales are required (0 if none).');
    expect(markup).toContain('Spending on stock: Type the amount, 0 if none.');
    expect(markup).toMatch(/A reason is required \(\d+ to \d+ characters\)\./);
    expect(markup).toContain('value="banyak"');
    expect(markup).toMatch(/id="spending"[^>]*aria-invalid="true"/);
  });
});

describe('the participants list', () => {
  const siti = {
    id: '1'.repeat(24),
    name: 'Siti Aminah',
    phone: '+6281200007777',
    desa: 'Batulayang',
    kecamatan: 'Cililin',
    cluster: 'kuliner' as const,
    stage: 'start_up' as const,
    reported: true,
    withoutMentor: false,
  };
  const model = (changes: Partial<ParticipantListModel>): ParticipantListModel => ({
    query: { halaman: 1 },
    full: true,
    admin: false,
    week: '2026-W48',
    total: 1,
    kecamatan: ['Cililin', 'Lembang'],
    desa: ['Batulayang'],
    mentors: [],
    rows: [siti],
    ...changes,
  });

  it('lists each participant with their klaster, tahap and this week’s report, keeping the filters in the downloads', () => {
    const euis = { ...siti, id: '2'.repeat(24), name: 'Euis', reported: false, withoutMentor: true };
    const markup = draw(
      participantListView,
      model({ admin: true, query: { kecamatan: 'Cililin', halaman: 1 }, total: 2, rows: [siti, euis] }),
      viewerOf(admin),
    );
    expect(markup).toContain(`<a href="/dashboard/peserta/${'1'.repeat(24)}">Siti Aminah</a>`);
    expect(markup).toContain('<span class="badge aman">sudah</span>');
    expect(markup).toMatch(/>Euis<\/a> <span class="badge hampir">tanpa pendamping aktif/);
    expect(markup).toContain('2 peserta');
    expect(markup).toMatch(/<option value="Cililin"\s+selected>/);
    expect(markup).toContain('/dashboard/peserta/unduh?kecamatan=Cililin&amp;format=xlsx');
    expect(markup).toContain('Tambah peserta');
  });

  it('shows Puskesos staff only name, phone and desa, says why, and searches by name only', () => {
    const markup = draw(
      participantListView,
      model({ full: false, rows: [{ ...siti, phone: '0812-****-7777' }] }),
      viewerOf({
        kind: 'staff',
        id: 'b'.repeat(24),
        name: 'Rina',
        role: 'front_office',
        puskesos: 'c'.repeat(24),
      }),
    );
    expect(markup).toContain('0812-****-7777');
    expect(markup).toContain('Hanya peserta yang mengadu ke Puskesos Anda');
    expect(markup).toContain('Cari nama<');
    expect(markup).not.toContain('Laporan minggu ini');
    expect(markup).not.toContain('name="klaster"');
    expect(markup).not.toContain('Tambah peserta');
  });

  it('pages through 25 at a time, keeping the filters, and says when none match', () => {
    const paged = draw(
      participantListView,
      model({ query: { klaster: 'kuliner', halaman: 2 }, total: 60 }),
      viewerOf(admin, 'en'),
    );
    expect(paged).toContain('Page 2 of 3');
    expect(paged).toContain('href="/dashboard/peserta?klaster=kuliner"');
    expect(paged).toContain('href="/dashboard/peserta?klaster=kuliner&amp;halaman=3"');
    const none = draw(participantListView, model({ rows: [], total: 0 }), viewerOf(admin, 'en'));
    expect(none).toContain('No participant matches these filters.');
  });
});
