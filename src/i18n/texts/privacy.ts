import type { CatalogText } from '../catalog';

/** What a participant's privacy page counts: the records held about them, by kind. */
export const privacyTexts = {
  conversations: { id: 'Percakapan', en: 'Conversations' },
  chatLogs: { id: 'Catatan pesan terkirim', en: 'Logs of messages sent' },
  inboundMessages: { id: 'Pesan masuk', en: 'Inbound messages' },
  inboundQueue: { id: 'Pesan masuk yang belum ditangani', en: 'Inbound messages not yet handled' },
  outbox: { id: 'Pesan keluar', en: 'Outbox messages' },
  outboxQueue: { id: 'Pesan keluar yang belum terkirim', en: 'Outbox messages not yet sent' },
  weeklyReports: { id: 'Laporan mingguan', en: 'Weekly reports' },
  reportLedger: { id: 'Buku laporan', en: 'Report ledger' },
  complaints: { id: 'Pengaduan', en: 'Complaints' },
  mentoringSessions: { id: 'Sesi pendampingan', en: 'Mentoring sessions' },
  sessionResponses: { id: 'Jawaban undangan sesi', en: 'Session invitation answers' },
  sessionAttendance: { id: 'Kehadiran sesi', en: 'Session attendance' },
  handovers: { id: 'Permintaan bantuan', en: 'Requests for a person' },
  openHandovers: { id: 'Permintaan bantuan terbuka', en: 'Open requests for a person' },
  identities: { id: 'Identitas chat', en: 'Chat identities' },
  auditEvents: { id: 'Catatan audit', en: 'Audit entries' },
  apiTokens: { id: 'Token API', en: 'API tokens' },
  webSessions: { id: 'Sesi masuk', en: 'Sign-in sessions' },
  signInCodes: { id: 'Kode masuk', en: 'Sign-in codes' },
  signInAttempts: { id: 'Percobaan masuk', en: 'Sign-in attempts' },
} as const satisfies Record<string, CatalogText>;
