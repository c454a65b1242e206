import fc from 'fast-check';
import { parseChoice, type ChoiceOption } from '../../../src/engine/inputs';
import { expectRefusal, valueOf } from './expect-reply';

/** The main menu of flows/menu.yaml. */
const MENU: ChoiceOption[] = [
  {
    id: 'weekly_report',
    labels: { id: 'Laporan mingguan', en: 'Weekly report', su: 'Laporan mingguan' },
    aliases: ['laporan', 'lapor', 'omzet', 'tabungan', 'report'],
  },
  {
    id: 'complaint',
    labels: { id: 'Pengaduan', en: 'Complaint', su: 'Pangaduan' },
    aliases: ['aduan', 'adu', 'keluhan', 'lapor masalah'],
  },
  {
    id: 'language',
    labels: { id: 'Ganti bahasa', en: 'Change language', su: 'Gentos basa' },
    aliases: ['bahasa', 'basa'],
  },
  {
    id: 'person',
    labels: { id: 'Bicara dengan petugas', en: 'Talk to a person', su: 'Nyarios sareng petugas' },
    aliases: ['petugas', 'operator', 'admin', 'manusia'],
  },
];

/** The clusters, with accents and without aliases: options as a flow file writes them (`label`). */
const CLUSTERS: ChoiceOption[] = [
  { id: 'kriya_fesyen', label: { id: 'Kriya tekstil/fesyen', en: 'Textile craft/fashion' } },
  { id: 'agribisnis', label: { id: 'Agribisnis', en: 'Agribusiness' } },
  { id: 'ritel', label: { id: 'Ritel', en: 'Retail' } },
  { id: 'kuliner', label: { id: 'Kuliner', en: 'Culinary', su: 'Kulinér' } },
];

describe('parseChoice', () => {
  it.each<[string, string]>([
    ['1', 'weekly_report'],
    ['2.', 'complaint'],
    [' 3 ', 'language'],
    ['4)', 'person'],
    ['4️⃣', 'person'],
    ['no 2', 'complaint'],
    ['Nomor 2', 'complaint'],
    ['pilih 3', 'language'],
    ['dua', 'complaint'],
    ['hiji', 'weekly_report'],
    ['1. Laporan mingguan', 'weekly_report'],
    ['Pengaduan', 'complaint'],
    ['PENGADUAN', 'complaint'],
    ['complaint', 'complaint'],
    ['pangaduan', 'complaint'],
    ['Weekly report', 'weekly_report'],
    ['weekly_report', 'weekly_report'],
    ['omzet', 'weekly_report'],
    ['keluhan', 'complaint'],
    ['lapor masalah', 'complaint'],
    ['peng', 'complaint'],
    ['pengad', 'complaint'],
    ['mingguan', 'weekly_report'],
    ['laporan ming', 'weekly_report'],
    ['bicara petugas', 'person'],
    ['petugas pak', 'person'],
    ['Gentos basa', 'language'],
    ['ganti bahasa!', 'language'],
    ['operator 🙏', 'person'],
  ])('%j picks %s', (text, id) => {
    expect(valueOf(parseChoice(text, MENU))).toBe(id);
  });

  it.each<[string, string]>([
    ['kuliner', 'kuliner'],
    ['KULINÉR', 'kuliner'],
    ['Kriya Tekstil / Fesyen', 'kriya_fesyen'],
    ['fesyen', 'kriya_fesyen'],
    ['fashion', 'kriya_fesyen'],
    ['agri', 'agribisnis'],
    ['retail', 'ritel'],
    ['4', 'kuliner'],
  ])('%j picks %s from options written with `label`', (text, id) => {
    expect(valueOf(parseChoice(text, CLUSTERS))).toBe(id);
  });

  const LISTED = {
    id: [
      'nomor pilihan',
      '1. Laporan mingguan',
      '2. Pengaduan',
      '3. Ganti bahasa',
      '4. Bicara dengan petugas',
    ],
    en: [
      'number of your choice',
      '1. Weekly report',
      '2. Complaint',
      '3. Change language',
      '4. Talk to a person',
    ],
    su: [
      'nomer pilihan',
      '1. Laporan mingguan',
      '2. Pangaduan',
      '3. Gentos basa',
      '4. Nyarios sareng petugas',
    ],
  };

  it.each(['0', '5', '12', 'xyz', 'la', 'lap', '1. Pengaduan', '1 2', 'minta tolong', '', '🙏'])(
    'lists the numbered options again for %j',
    (text) => {
      expectRefusal(parseChoice(text, MENU), LISTED);
    },
  );

  it('falls back to Indonesian where an option has no Sundanese label', () => {
    const reason = expectRefusal(parseChoice('sayur', CLUSTERS), {
      id: ['1. Kriya tekstil/fesyen'],
      en: ['2. Agribusiness'],
      su: ['1. Kriya tekstil/fesyen', '4. Kulinér'],
    });
    expect(reason.su).toContain('3. Ritel');
  });

  it('lets the person skip with -', () => {
    expect(parseChoice('-', MENU)).toEqual({ kind: 'skip' });
  });
});

describe('parseChoice properties', () => {
  const word = fc.stringMatching(/^[a-z]{4,9}$/);
  /** Options whose labels and aliases are all different words, so that each names one option. */
  const menus = fc
    .uniqueArray(word, { minLength: 6, maxLength: 24 })
    .map((words) => {
      const options: ChoiceOption[] = [];
      for (let index = 0; index + 2 < words.length && options.length < 8; index += 3) {
        const [id = '', en = '', alias = ''] = words.slice(index, index + 3);
        options.push({ id: `option_${options.length}`, labels: { id, en }, aliases: [alias] });
      }
      return options;
    })
    .filter((options) => options.length >= 2);

  it('takes the number of any option, however it is spaced or punctuated', () => {
    fc.assert(
      fc.property(menus, fc.nat(), fc.constantFrom('', '.', ')', ' ', '. '), (options, pick, end) => {
        const index = pick % options.length;
        expect(valueOf(parseChoice(` ${index + 1}${end}`, options))).toBe(options[index]?.id);
      }),
    );
  });

  it('takes any label or alias in any case', () => {
    fc.assert(
      fc.property(menus, fc.nat(), fc.nat(), fc.boolean(), (options, pick, which, upper) => {
        const option = options[pick % options.length];
        if (!option || !('labels' in option)) return;
        const texts = [option.labels.id, option.labels.en, ...(option.aliases ?? [])];
        const text = texts[which % texts.length] ?? '';
        expect(valueOf(parseChoice(upper ? text.toUpperCase() : text, options))).toBe(option.id);
      }),
    );
  });

  it('never picks a number outside the list', () => {
    fc.assert(
      fc.property(menus, fc.integer({ min: 0, max: 99 }), (options, number) => {
        const reply = parseChoice(String(number), options);
        if (number >= 1 && number <= options.length) expect(reply.kind).toBe('ok');
        else expect(reply.kind).toBe('fail');
      }),
    );
  });
});
