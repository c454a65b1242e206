/**
 * Words that work at any point of any flow, in the languages people write them. `start` is the English
 * word for reminders again (STOP and START, as on WhatsApp), which the service takes as MENU from
 * someone who never stopped them; Telegram's `/start` is always MENU.
 */
export type GlobalCommand = 'menu' | 'cancel' | 'back' | 'help' | 'stop' | 'resume' | 'start';

const COMMANDS: Record<string, GlobalCommand> = {
  menu: 'menu',
  start: 'menu',
  mulai_lagi: 'menu',
  batal: 'cancel',
  batalkan: 'cancel',
  cancel: 'cancel',
  kembali: 'back',
  back: 'back',
  balik: 'back',
  mundur: 'back',
  uih: 'back',
  bantuan: 'help',
  help: 'help',
  tolong: 'help',
  stop: 'stop',
  berhenti: 'stop',
  eureun: 'stop',
  mulai: 'resume',
  resume: 'resume',
};

export function globalCommand(text: string | undefined): GlobalCommand | undefined {
  if (!text) return undefined;
  if (/^\s*start\s*[.!]*\s*$/i.test(text)) return 'start';
  const word = text
    .trim()
    .toLowerCase()
    .replace(/^\//, '')
    .replace(/@\w+$/, '')
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, '_');
  return COMMANDS[word];
}
