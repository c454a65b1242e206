import { recordAudit, setPassword } from '../../src/auth';
import { rebuildAuditDays } from '../../src/db/audit-days';
import { eraseHoldings, findDataSubject, gatherHoldings } from '../../src/domain/privacy';
import { createLogger } from '../../src/log';
import { formBrowser } from '../support/form-browser';
import { listenWithDashboard } from '../support/privacy-dashboard';
import { SITI, seedPrivacyData } from '../support/privacy-data';
import { useWatchedDatabase } from '../support/watched-database';

/**
 * The audit log is kept by day as well: the page and its export read days by `_id`, never filter or
 * sort the whole of `audit_events`, and the days rebuilt from the log equal the days kept as it was written.
 */
const db = useWatchedDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const now = new Date('2026-12-08T05:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const ADMIN = '+6281300000004';
const day = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);

let base = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  await seedPrivacyData(db.models, day('2026-11-20', 1));
  // The seed writes its audit entry around the service, as old data was: its day is built from the log.
  await rebuildAuditDays(db.models);
  await setPassword(db.models, ADMIN, PASSWORD);
  // Three days of the log, a quiet week between two of them.
  for (const [at, actor, action, target] of [
    [day('2026-11-20', 2), 'cli', 'participants.import', 'a'],
    [day('2026-11-20', 3), 'mentor:0123456789abcdef01234567', 'participant.read', 'b'],
    [day('2026-11-30', 4), 'cli', 'participants.list', 'c'],
    [day('2026-12-08', 1), 'mentor:0123456789abcdef01234567', 'participants.list', 'd'],
  ] as const)
    await recordAudit(db.models, { actor, action, target }, at);
  ({ base, close } = await listenWithDashboard(db.models, clock, logger));
});

afterAll(() => close());

async function admin() {
  const browser = formBrowser(base, { address: '10.5.0.1', password: PASSWORD });
  if ((await browser.signIn(ADMIN)).status !== 303) throw new Error('the admin signs in');
  return browser;
}

const targetsOf = (page: string) => [...page.matchAll(/<td>([a-d])<\/td>/g)].map((match) => match[1]);

describe('the audit log by day', () => {
  it('shows the newest entries and each filter reading days by key, never the whole log', async () => {
    const dewi = await admin();
    const pages: Record<string, string> = {};
    const used = await db.commandsOf(async () => {
      for (const path of [
        '/dashboard/audit',
        '/dashboard/audit?aksi=participants',
        '/dashboard/audit?pelaku=cli',
        '/dashboard/audit?tanggal=2026-11-29',
      ])
        pages[path] = (await dewi.get(path)).text;
    });
    expect(used.filter((command) => command.collection === 'audit_events' && !command.keyed)).toEqual([]);
    expect(used.filter((command) => command.collection === 'audit_days' && !command.keyed)).toEqual([]);

    expect(targetsOf(pages['/dashboard/audit'] ?? '')).toEqual(['d', 'c', 'b', 'a']);
    expect(targetsOf(pages['/dashboard/audit?aksi=participants'] ?? '')).toEqual(['d', 'c', 'a']);
    expect(targetsOf(pages['/dashboard/audit?pelaku=cli'] ?? '')).toEqual(['c', 'a']);
    // On or before the date (in WIB), older pages from there.
    expect(targetsOf(pages['/dashboard/audit?tanggal=2026-11-29'] ?? '')).toEqual(['b', 'a']);
    expect(pages['/dashboard/audit?tanggal=2026-11-29']).toContain('value="2026-11-29"');
  });

  it('refuses a date that is not one, naming the field', async () => {
    const dewi = await admin();
    const refused = await dewi.get('/dashboard/audit?tanggal=kemarin');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Tanggal: tulis seperti 2026-12-08.');
  });

  it('exports a range of dates, day by day', async () => {
    const dewi = await admin();
    const file = await dewi.get('/dashboard/audit/unduh?format=csv&dari=2026-11-21&sampai=2026-12-01');
    expect(file.status).toBe(200);
    expect(file.text).toContain('participants.list');
    expect(file.text).not.toContain('participants.import');
    expect(file.text).not.toContain('participant.read');
  });

  it('builds the same days again from the log as were kept while it was written', async () => {
    const kept = await db.models.auditDays.find().sort({ _id: 1 }).lean();
    await db.models.auditDays.deleteMany({});
    expect(await rebuildAuditDays(db.models)).toBe(kept.length - 1);
    const rebuilt = await db.models.auditDays.find().sort({ _id: 1 }).lean();
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(kept));
  });

  it('keeps no changed value of an erased participant in the days either', async () => {
    const subject = await findDataSubject(db.models, SITI.phone);
    if (subject.kind !== 'participant') throw new Error('Siti is a participant');
    await recordAudit(
      db.models,
      {
        actor: 'cli',
        action: 'participant.update',
        target: String(subject.record._id),
        details: { changes: { name: { from: 'Siti Aminh', to: 'Siti Aminah' } } },
      },
      day('2026-12-01', 2),
    );
    await eraseHoldings(db.models, await gatherHoldings(db.models, subject), now);
    const days = JSON.stringify(await db.models.auditDays.find().lean());
    expect(days).not.toContain('Siti Amin');
    expect(days).toContain('[dihapus atas permintaan]');
  });
});
