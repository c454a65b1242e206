import { queueWeeklyReportReminders } from '../../src/domain/reminders';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';

const db = useTestDatabase();

describe('the weekly report reminder', () => {
  it('greets by the local time it goes out, in the participant’s language', async () => {
    const now = new Date('2026-11-28T14:30:00Z'); // Saturday 21:30 WIB, in quiet hours
    await db.models.participants.create([
      { ...siti('+6281200000501', { consentedOn: 'simulator', at: now }), name: 'Siti Aminah' },
      { ...siti('+6281200000502', { consentedOn: 'simulator', at: now }), name: 'Rina', language: 'en' },
    ]);
    await queueWeeklyReportReminders(db.models, {
      week: '2026-W48',
      round: 'first',
      now,
      dueAt: new Date('2026-11-29T00:00:00Z'), // Sunday 07:00 WIB, when quiet hours end
      includeOutsideWindow: true,
      fallback: 'simulator',
      zone: { timeZone: 'Asia/Jakarta', isProgramZone: true },
    });
    const texts = (await db.models.outbox.find({}, { message: 1 }).lean())
      .map((entry) => (entry.message as { text: string }).text)
      .sort();
    expect(texts[0]).toMatch(/^Good morning, Rina\. /);
    expect(texts[1]).toMatch(/^Selamat pagi, Bapak\/Ibu Siti\. /);
  });
});
