/** Words that work at any point of any flow, in the languages people write them. */
export type GlobalCommand = 'menu' | 'cancel' | 'back' | 'help' | 'stop' | 'resume';

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
};

export function globalCommand(text: string | undefined): GlobalCommand | undefined {
  if (!text) return undefined;
  const word = text
    .trim()
    .toLowerCase()
    .replace(/^\//, '')
    .replace(/@\w+$/, '')
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, '_');
  return COMMANDS[word];
}
