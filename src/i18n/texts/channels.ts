import type { CatalogText } from '../catalog';

/** What the chat apps show around the bot's own messages: menus, buttons, the simulator's page. */
export const channelTexts = {
  // Telegram's command menu, for participants and mentors.
  commandStart: { id: 'Mulai percakapan', en: 'Start the conversation' },
  commandMenu: { id: 'Tampilkan menu', en: 'Show the menu' },
  commandHelp: { id: 'Bicara dengan petugas', en: 'Talk to a person' },
  commandCancel: { id: 'Batalkan dan kembali ke menu', en: 'Cancel and go back to the menu' },
  // Telegram's command menu in a Puskesos staff group (src/domain/complaints/staff-command.ts).
  commandTake: { id: 'Ambil pengaduan (balas postingannya)', en: 'Take the complaint (reply to its post)' },
  commandRefer: {
    id: 'Rujuk ke layanan lain: /rujuk <layanan>',
    en: 'Refer to another service: /rujuk <service>',
  },
  commandAnswered: { id: 'Tandai sudah dijawab', en: 'Mark as answered' },
  commandClose: { id: 'Tutup pengaduan', en: 'Close the complaint' },
  commandNote: { id: 'Catatan internal: /catatan <teks>', en: 'Internal note: /catatan <text>' },
  commandReopen: { id: 'Buka kembali pengaduan', en: 'Reopen the complaint' },
  commandStatus: { id: 'Rincian pengaduan', en: 'The complaint’s details' },
  commandOpenList: { id: 'Daftar pengaduan terbuka', en: 'Open complaints' },
  commandRegisterGroup: {
    id: 'Jadikan grup ini grup pengaduan Puskesos',
    en: 'Make this group a Puskesos complaints group',
  },
  // A message's choices written as text, where the app has no buttons for them.
  typeOneOf: { id: 'Ketik:', en: 'Type:' },
  // The button that opens a WhatsApp list of choices.
  listButton: { id: 'Pilih jawaban', en: 'Choose an answer' },
  // WhatsApp Web's admin endpoint, asked for the QR code to link the phone.
  noQrWaiting: {
    id: 'Tidak ada kode QR yang menunggu',
    en: 'No QR code is waiting to be scanned',
  },
  // The web simulator, for trying the bot out as a participant.
  simulatorTitle: { id: 'Simulator Pendamping', en: 'Pendamping simulator' },
  simulatorPhone: { id: 'No. HP peserta', en: 'Participant’s phone' },
  simulatorOpen: { id: 'Buka', en: 'Open' },
  simulatorMessagePlaceholder: { id: 'Tulis pesan...', en: 'Write a message...' },
  simulatorMessage: { id: 'Pesan', en: 'Message' },
  simulatorSend: { id: 'Kirim', en: 'Send' },
  simulatorUnreachable: {
    id: 'Layanan tidak dapat dihubungi; coba lagi sebentar lagi.',
    en: 'The service cannot be reached; try again in a moment.',
  },
  simulatorFailed: { id: 'Gagal', en: 'Failed' },
} as const satisfies Record<string, CatalogText>;
