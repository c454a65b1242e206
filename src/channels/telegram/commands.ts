import type { BotCommand, BotCommandScope, LanguageCode } from 'grammy/types';
import { say, type StaffLanguage, type TextKey } from '../../i18n';

type CommandText = Extract<TextKey, `channel.command${string}`>;

/**
 * The commands Telegram lists in the app's menu button. Each is also a word every flow understands
 * (see src/conversations/commands.ts), so typing it works the same as tapping it.
 */
const CHAT_COMMANDS: [string, CommandText][] = [
  ['start', 'channel.commandStart'],
  ['menu', 'channel.commandMenu'],
  ['bantuan', 'channel.commandHelp'],
  ['batal', 'channel.commandCancel'],
];

// Puskesos staff groups: the complaint commands (src/domain/complaints/staff-command.ts).
const STAFF_GROUP_COMMANDS: [string, CommandText][] = [
  ['ambil', 'channel.commandTake'],
  ['rujuk', 'channel.commandRefer'],
  ['selesai', 'channel.commandAnswered'],
  ['tutup', 'channel.commandClose'],
  ['catatan', 'channel.commandNote'],
  ['buka', 'channel.commandReopen'],
  ['status', 'channel.commandStatus'],
  ['aduan', 'channel.commandOpenList'],
  ['daftargrup', 'channel.commandRegisterGroup'],
];

const described = (commands: [string, CommandText][], language: StaffLanguage): BotCommand[] =>
  commands.map(([command, key]) => ({ command, description: say(key, language) }));

export const BOT_COMMANDS: {
  languageCode?: LanguageCode;
  scope?: BotCommandScope;
  commands: BotCommand[];
}[] = [
  { commands: described(CHAT_COMMANDS, 'id') },
  { languageCode: 'en', commands: described(CHAT_COMMANDS, 'en') },
  // Staff groups read the commands in Indonesian, whatever their members' apps are set to.
  { scope: { type: 'all_group_chats' }, commands: described(STAFF_GROUP_COMMANDS, 'id') },
];
