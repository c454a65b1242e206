import { greetingAt } from '../../src/domain/reminders/greeting';
import { sessionNotice, sessionTime } from '../../src/domain/sessions/messages';

describe('the greeting of a reminder, by the local time it goes out', () => {
  it.each([
    ['2026-11-28T00:00:00Z', 'Asia/Jakarta', 'Selamat pagi'], // 07:00 WIB
    ['2026-11-28T04:30:00Z', 'Asia/Jakarta', 'Selamat siang'], // 11:30
    ['2026-11-28T09:00:00Z', 'Asia/Jakarta', 'Selamat sore'], // 16:00
    ['2026-11-28T12:00:00Z', 'Asia/Jakarta', 'Selamat malam'], // 19:00
    ['2026-11-28T20:30:00Z', 'Asia/Jakarta', 'Selamat malam'], // 03:30
    ['2026-11-28T09:00:00Z', 'Asia/Jayapura', 'Selamat malam'], // 18:00 WIT
  ])('%s in %s: %s', (at, timeZone, expected) => {
    expect(greetingAt(new Date(at), timeZone).id).toBe(expected);
  });

  it('says it in English and Sundanese too', () => {
    expect(greetingAt(new Date('2026-11-28T00:00:00Z'), 'Asia/Jakarta')).toEqual({
      id: 'Selamat pagi',
      en: 'Good morning',
      su: 'Wilujeng enjing',
    });
  });
});

describe('the reminder two hours before a session', () => {
  it('names the day and time once, without a second "pukul"', () => {
    const startsAt = new Date('2026-12-08T03:00:00Z'); // Tuesday 10:00 WIB
    const notice = (language: 'id' | 'en' | 'su') =>
      sessionNotice(
        'two_hours_before',
        { when: sessionTime(startsAt, language, 'Asia/Jakarta'), place: 'Balai Desa', topic: 'Pembukuan' },
        language,
      );
    expect(notice('id')).toBe(
      'Sebentar lagi: pendampingan "Pembukuan", Selasa, 8 Desember pukul 10.00, di Balai Desa. Sampai jumpa!',
    );
    expect(notice('en')).toBe(
      'Soon: mentoring session "Pembukuan", Tuesday 8 December at 10:00, at Balai Desa. See you there!',
    );
    expect(notice('su')).not.toMatch(/tabuh \S+,/);
  });
});
