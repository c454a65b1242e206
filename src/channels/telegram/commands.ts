import type { BotCommand, BotCommandScope, LanguageCode } from 'grammy/types';

/**
 * The commands Telegram lists in the app's menu button. Each is also a word every flow understands
 * (see src/conversations/commands.ts), so typing it works the same as tapping it.
 */
export const BOT_COMMANDS: {
  languageCode?: LanguageCode;
  scope?: BotCommandScope;
  commands: BotCommand[];
}[] = [
  {
    commands: [
      { command: 'start', description: 'Mulai percakapan' },
      { command: 'menu', description: 'Tampilkan menu' },
      { command: 'bantuan', description: 'Bicara dengan petugas' },
      { command: 'batal', description: 'Batalkan dan kembali ke menu' },
    ],
  },
  {
    languageCode: 'en',
    commands: [
      { command: 'start', description: 'Start the conversation' },
      { command: 'menu', description: 'Show the menu' },
      { command: 'bantuan', description: 'Talk to a person' },
      { command: 'batal', description: 'Cancel and go back to the menu' },
    ],
  },
  {
    // Puskesos staff groups: the complaint commands (src/domain/complaints/staff-command.ts).
    scope: { type: 'all_group_chats' },
    commands: [
      { command: 'ambil', description: 'Ambil pengaduan (balas postingannya)' },
      { command: 'rujuk', description: 'Rujuk ke layanan lain: /rujuk <layanan>' },
      { command: 'selesai', description: 'Tandai sudah dijawab' },
      { command: 'tutup', description: 'Tutup pengaduan' },
      { command: 'catatan', description: 'Catatan internal: /catatan <teks>' },
      { command: 'buka', description: 'Buka kembali pengaduan' },
      { command: 'status', description: 'Rincian pengaduan' },
      { command: 'aduan', description: 'Daftar pengaduan terbuka' },
      { command: 'daftargrup', description: 'Jadikan grup ini grup pengaduan Puskesos' },
    ],
  },
];
