import type { CatalogText } from '../catalog';

/** What a participant is told about their weekly reports: once one is stored, and their progress. */
export const reportTexts = {
  // After the weekly-report flow.
  replaced: {
    id: 'Laporan minggu itu sudah diganti dengan yang baru.',
    en: 'That week’s report was replaced by the new one.',
    su: 'Laporan minggu éta parantos digentos ku nu énggal.',
  },
  sales: {
    id: 'Omzet {week}: {sales}{change}.',
    en: 'Sales {week}: {sales}{change}.',
    su: 'Omzet {week}: {sales}{change}.',
  },
  changeOnLastWeek: {
    id: ' ({change} dari minggu lalu)',
    en: ' ({change} on last week)',
    su: ' ({change} ti minggu kamari)',
  },
  same: { id: 'sama', en: 'the same', su: 'sami' },
  up: { id: 'naik', en: 'up', su: 'naék' },
  upBy: { id: 'naik {percent}%', en: 'up {percent}%', su: 'naék {percent}%' },
  downBy: { id: 'turun {percent}%', en: 'down {percent}%', su: 'turun {percent}%' },
  balance: {
    id: 'Total tabungan: {balance}.',
    en: 'Savings total: {balance}.',
    su: 'Jumlah tabungan: {balance}.',
  },
  streak: {
    id: 'Bapak/Ibu sudah {streak} minggu berturut-turut melapor. Hebat!',
    en: 'You have reported {streak} weeks in a row. Well done!',
    su: 'Bapak/Ibu parantos {streak} minggu berturut-turut ngalaporkeun. Saé pisan!',
  },
  // After a report typed in one message: a summary line per amount, then how to correct it.
  saved: {
    id: 'Tersimpan, Bapak/Ibu. Laporan {week}:',
    en: 'Saved. Report for {week}:',
    su: 'Parantos disimpen, Bapak/Ibu. Laporan {week}:',
  },
  savedSales: { id: 'Omzet: {amount}', en: 'Sales: {amount}', su: 'Omzet: {amount}' },
  savedSpending: { id: 'Belanja: {amount}', en: 'Spending: {amount}', su: 'Belanja: {amount}' },
  savedSavings: { id: 'Tabungan masuk: {amount}', en: 'Saved: {amount}', su: 'Tabungan asup: {amount}' },
  savedWithdrawal: {
    id: 'Tabungan diambil: {amount}',
    en: 'Taken out: {amount}',
    su: 'Tabungan dicandak: {amount}',
  },
  savedBalance: {
    id: 'Total tabungan: {amount}',
    en: 'Savings total: {amount}',
    su: 'Jumlah tabungan: {amount}',
  },
  toCorrect: {
    id: 'Ketik {command} untuk memperbaiki.',
    en: 'Type {command} to correct it.',
    su: 'Serat {command} kanggo ngalereskeun.',
  },
  // "Perkembangan saya" in the menu.
  noReports: {
    id: 'Belum ada laporan. Pilih "Laporan mingguan" di menu untuk mengirim yang pertama.',
    en: 'No reports yet. Choose "Weekly report" in the menu to send the first one.',
    su: 'Teu acan aya laporan. Pilih "Laporan mingguan" dina menu kanggo ngintunkeun nu munggaran.',
  },
  progress: {
    id: 'Omzet / tabungan 4 minggu terakhir:\n{rows}\nTotal tabungan: {total}\nMelapor berturut-turut: {streak} minggu',
    en: 'Sales / savings, last 4 weeks:\n{rows}\nSavings total: {total}\nReporting streak: {streak} {streak:week|weeks}',
    su: 'Omzet / tabungan 4 minggu pamungkas:\n{rows}\nJumlah tabungan: {total}\nNgalaporkeun berturut-turut: {streak} minggu',
  },
} as const satisfies Record<string, CatalogText>;
