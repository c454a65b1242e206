import type { Account } from '../../src/auth';
import { composeView, type ComposeModel } from '../../src/http/dashboard/broadcast-views';
import { translator } from '../../src/http/dashboard/language';
import type { Viewer } from '../../src/http/dashboard/layout';

/** The broadcast page's view is pure: the model in, what the sender sees out. */
const mentor: Account = { kind: 'mentor', id: 'b'.repeat(24), name: 'Rizky', mentorType: 'MiBi' };
const viewer = (language: 'id' | 'en' = 'id'): Viewer => ({
  account: mentor,
  csrfToken: 'token-123',
  language,
  path: '/dashboard/siaran',
});
const now = new Date('2026-11-23T02:00:00Z');
const values = {
  pesan: 'Besok pelatihan',
  kecamatan: 'Cililin',
  klaster: '',
  tahap: '',
  belum: false,
  sesi: '',
};
const model = (changes: Partial<ComposeModel> = {}): ComposeModel => ({
  scope: { kind: 'mentor', mentor: mentor.id },
  values,
  problems: [],
  kecamatan: ['Cihampelas', 'Cililin'],
  sessions: [
    {
      id: 'c'.repeat(24),
      mentor: mentor.id,
      startsAt: new Date('2026-11-26T02:00:00Z'),
      place: 'Balai Desa',
      topic: 'Harga jual',
      status: 'planned',
      participants: ['d'.repeat(24), 'e'.repeat(24)],
      kecamatan: ['Cililin'],
      yes: 0,
      no: 0,
      present: null,
    },
  ],
  recent: [],
  lastWeek: '2026-W47',
  now,
  timeZone: 'Asia/Jakarta',
  ...changes,
});
const draw = (shown: ComposeModel, language: 'id' | 'en' = 'id') =>
  String(composeView(shown, translator(language), viewer(language)));

describe('the broadcast page', () => {
  it('offers the kecamatan and the sessions with their invitees, keeping what was chosen', () => {
    const page = draw(model());
    expect(page).toMatch(/<option value="Cililin"\s+selected>/);
    expect(page).toContain('<option value="Cihampelas"');
    expect(page).toContain(`<option value="${'c'.repeat(24)}"`);
    expect(page).toContain('Harga jual · 2026-11-26 · 2 diundang');
    expect(page).toContain('Belum ada siaran.');
  });

  it('offers a koordinator neither the reporting nor the session filter', () => {
    const page = draw(model({ scope: { kind: 'puskesos', puskesos: 'f'.repeat(24) } }));
    expect(page).not.toContain('name="sesi"');
    expect(page).not.toContain('name="belum"');
  });

  it('names each field to correct in the viewer’s language', () => {
    const page = draw(
      model({
        problems: [
          { field: 'pesan', label: (t) => t('Pesan', 'Message'), problem: (t) => t('kosong', 'empty') },
        ],
      }),
      'en',
    );
    expect(page).toContain('<a href="#field-pesan">Message</a>: empty');
  });

  it('shows the preview with the count, the first names and the key the send form carries', () => {
    const page = draw(
      model({
        preview: {
          text: 'Besok pelatihan',
          sender: { kind: 'mentor', name: 'Rizky' },
          audience: {
            recipients: [{ name: 'Siti' }, { name: 'Asep' }],
            stopped: 1,
            withoutConsent: 0,
            unreachable: { no_chat: [], no_template: [] },
          } as never,
          filterLabel: 'Kecamatan Cililin',
          dueAt: now,
          key: 'k'.repeat(22),
        },
      }),
    );
    expect(page).toContain('<strong class="recipient-count">2</strong>');
    expect(page).toContain('Siti, Asep');
    expect(page).toContain(`name="kunci" value="${'k'.repeat(22)}"`);
    expect(page).toContain('Kirim ke 2 peserta');
  });
});
