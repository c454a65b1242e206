import type { BotCommand, LanguageCode } from 'grammy/types';

/**
 * The commands Telegram lists in the app's menu button. Each is also a word every flow understands
 * (see src/conversations/commands.ts), so typing it works the same as tapping it.
 */
export const BOT_COMMANDS: { languageCode?: LanguageCode; commands: BotCommand[] }[] = [
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
];
