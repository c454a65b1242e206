import type { CatalogText } from '../catalog';

/** Reminders and nudges the scheduler and the mentors send to participants. */
export const reminderTexts = {
  greetingMorning: { id: 'Selamat pagi', en: 'Good morning', su: 'Wilujeng enjing' },
  greetingMidday: { id: 'Selamat siang', en: 'Good afternoon', su: 'Wilujeng siang' },
  greetingAfternoon: { id: 'Selamat sore', en: 'Good afternoon', su: 'Wilujeng sonten' },
  greetingEvening: { id: 'Selamat malam', en: 'Good evening', su: 'Wilujeng wengi' },
  weeklyReportFirst: {
    id: '{greeting}, Bapak/Ibu {name}. Sudah waktunya laporan mingguan. Berapa omzet minggu ini? Balas dengan angkanya, contoh: 1,5jt.\n{hint}',
    en: '{greeting}, {name}. It is time for your weekly report. What were your sales this week? Reply with the amount, for example: 1.5jt.\n{hint}',
    su: '{greeting}, Bapak/Ibu {name}. Parantos waktosna laporan mingguan. Sabaraha omzet minggu ieu? Bales ku angkana, conto: 1,5jt.\n{hint}',
  },
  weeklyReportSecond: {
    id: 'Bapak/Ibu {name}, laporan minggu ini belum masuk. Tidak apa-apa: balas kapan saja dengan omzet minggu ini, contoh: 1,5jt.\n{hint}',
    en: '{name}, this week’s report has not come in yet. No problem: reply whenever you like with this week’s sales, for example: 1.5jt.\n{hint}',
    su: 'Bapak/Ibu {name}, laporan minggu ieu teu acan lebet. Teu nanaon: bales iraha waé ku omzet minggu ieu, conto: 1,5jt.\n{hint}',
  },
  savingsNudge: {
    id: 'Bapak/Ibu {name}, tiga minggu ini belum ada tabungan yang tercatat. Menabung sedikit saja sudah berarti, misalnya Rp5.000 sehari. Semangat!',
    en: '{name}, no savings have been recorded for three weeks. Even a little counts, for example Rp5,000 a day. You can do it!',
    su: 'Bapak/Ibu {name}, tilu minggu ieu teu acan aya tabungan nu kacatet. Nabung saeutik ogé parantos aya hartosna, contona Rp5.000 sadinten. Sing sumanget!',
  },
  mentorNudge: {
    id: 'Bapak/Ibu {name}, salam dari {mentor}, pendamping Bapak/Ibu. Laporan mingguan belum masuk: balas 1 untuk mengisinya, cukup 1 menit.',
    en: '{name}, greetings from {mentor}, your mentor. Your weekly report has not come in: reply 1 to fill it in; it takes a minute.',
    su: 'Bapak/Ibu {name}, salam ti {mentor}, pendamping Bapak/Ibu. Laporan mingguan teu acan lebet: bales 1 kanggo ngeusianana, cekap 1 menit.',
  },
  /** Who signs a mentor's nudge when the mentor's record has no name. */
  aMentor: { id: 'pendamping', en: 'pendamping', su: 'pendamping' },
} as const satisfies Record<string, CatalogText>;
