import {
  broadcastMessageText,
  checkBroadcastText,
  chooseAudience,
  unreachableReason,
  type Candidate,
} from '../../src/domain/broadcasts';

const candidate = (id: string, changes: Partial<Candidate> = {}): Candidate => ({
  id,
  name: `Peserta ${id}`,
  kecamatan: 'Cililin',
  cluster: 'kuliner',
  stage: 'start_up',
  status: 'active',
  consentGiven: true,
  consentWithdrawn: false,
  stopped: false,
  erased: false,
  ...changes,
});

const noFacts = { reported: new Set<string>(), invited: new Set<string>() };

describe('choosing a broadcast audience', () => {
  it('keeps active, consenting participants who match every condition, sorted by name', () => {
    const audience = chooseAudience(
      [
        candidate('b', { name: 'Siti', kecamatan: ' cililin ' }),
        candidate('a', { name: 'Dede' }),
        candidate('c', { kecamatan: 'Cihampelas' }),
        candidate('d', { cluster: 'ritel' }),
        candidate('e', { status: 'graduated' }),
        candidate('f', { status: 'withdrawn' }),
        candidate('g', { erased: true }),
      ],
      { kecamatan: 'Cililin', cluster: 'kuliner' },
      noFacts,
    );
    expect(audience.recipients.map((recipient) => recipient.name)).toEqual(['Dede', 'Siti']);
    expect(audience).toMatchObject({ stopped: 0, withoutConsent: 0 });
  });

  it('leaves out and counts those who said STOP or gave no consent, only among those the filter matched', () => {
    const audience = chooseAudience(
      [
        candidate('a', { stopped: true }),
        candidate('b', { consentGiven: false }),
        candidate('c', { consentWithdrawn: true }),
        candidate('d', { stopped: true, stage: 'inkubasi' }),
      ],
      { stage: 'start_up' },
      noFacts,
    );
    expect(audience).toEqual({ recipients: [], stopped: 1, withoutConsent: 2 });
  });

  it('takes those without a report of the week, and those invited to the session', () => {
    const people = [candidate('a'), candidate('b'), candidate('c')];
    const facts = { reported: new Set(['a']), invited: new Set(['a', 'b']) };
    const ids = (filter: Parameters<typeof chooseAudience>[1]) =>
      chooseAudience(people, filter, facts).recipients.map((recipient) => recipient.id);
    expect(ids({ notReportedWeek: '2026-W47' })).toEqual(['b', 'c']);
    expect(ids({ session: 'x' })).toEqual(['a', 'b']);
    expect(ids({ notReportedWeek: '2026-W47', session: 'x' })).toEqual(['b']);
    expect(ids({})).toEqual(['a', 'b', 'c']);
  });
});

describe('a broadcast message', () => {
  it('is trimmed, bounded at 700 characters counted as people count them, and never empty', () => {
    expect(checkBroadcastText('  Halo\r\nsemua  ')).toEqual({ ok: true, value: 'Halo\nsemua' });
    expect(checkBroadcastText('🙂'.repeat(700)).ok).toBe(true);
    const long = checkBroadcastText('a'.repeat(701));
    expect(long.ok).toBe(false);
    expect(!long.ok && long.reason).toContain('paling banyak 700');
    const empty = checkBroadcastText(' \n ');
    expect(!empty.ok && empty.reason).toContain('Contoh:');
  });

  it('is signed with the sender and their role, in the recipient’s language', () => {
    expect(broadcastMessageText('Besok libur.', { kind: 'mentor', name: 'Rizky' }, 'id')).toBe(
      'Besok libur.\n\n— Pendamping Rizky',
    );
    expect(broadcastMessageText('Closed.', { kind: 'mentor', name: 'Rizky' }, 'en')).toBe(
      'Closed.\n\n— Mentor Rizky',
    );
    expect(broadcastMessageText('Tutup.', { kind: 'puskesos', puskesos: 'Lumpaat' }, 'su')).toBe(
      'Tutup.\n\n— Puskesos Lumpaat',
    );
    expect(broadcastMessageText('Info.', { kind: 'dinsos', name: 'Wulan' }, 'id')).toBe(
      'Info.\n\n— Petugas Dinsos Wulan',
    );
  });
});

describe('whether a broadcast reaches a chat', () => {
  const cloud = { channel: 'whatsapp-cloud', chatId: '6281200001005' };
  it('cannot write to WhatsApp outside the 24-hour window without a template, unless another app is there', () => {
    expect(unreachableReason(undefined, { templateConfigured: true, insideWindow: true })).toBe('no_chat');
    expect(unreachableReason(cloud, { templateConfigured: false, insideWindow: false })).toBe('no_template');
    expect(unreachableReason(cloud, { templateConfigured: true, insideWindow: false })).toBeUndefined();
    expect(unreachableReason(cloud, { templateConfigured: false, insideWindow: true })).toBeUndefined();
    const withTelegram = { ...cloud, fallbacks: [{ channel: 'telegram', chatId: '9001' }] };
    expect(
      unreachableReason(withTelegram, { templateConfigured: false, insideWindow: false }),
    ).toBeUndefined();
    const telegram = { channel: 'telegram', chatId: '9001' };
    expect(unreachableReason(telegram, { templateConfigured: false, insideWindow: false })).toBeUndefined();
  });
});
