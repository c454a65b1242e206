import { text as catalogText } from '../../i18n';
import type { StaffLanguage } from '../program';
import { quotedNumber } from '../quoted-number';
import type { ComplaintAction } from './lifecycle';

/** What was wrong with a command, in both of the staff's languages. */
export type StaffProblem = Record<StaffLanguage, string>;

export const COMPLAINT_NUMBER = /PGD-\d{4}-\d{6}/i;

/** What a staff member's message asks for. */
export type StaffCommand =
  | { kind: 'act'; number: string; action: Exclude<ComplaintAction, { kind: 'route' }> }
  | { kind: 'status'; number: string }
  /** Their Puskesos's open complaints. */
  | { kind: 'list' }
  /** Makes this group chat its Puskesos's staff group. */
  | { kind: 'register_group' }
  /** The language the bot writes to them in: `/bahasa en`, `/language id`. */
  | { kind: 'language'; language: StaffLanguage }
  | { kind: 'help'; problem?: StaffProblem };

const COMMANDS: Record<
  string,
  | 'take'
  | 'refer'
  | 'answer'
  | 'close'
  | 'note'
  | 'reopen'
  | 'status'
  | 'list'
  | 'register_group'
  | 'language'
  | 'help'
> = {
  ambil: 'take',
  take: 'take',
  rujuk: 'refer',
  refer: 'refer',
  selesai: 'answer',
  jawab: 'answer',
  answered: 'answer',
  tutup: 'close',
  close: 'close',
  catatan: 'note',
  note: 'note',
  buka: 'reopen',
  reopen: 'reopen',
  status: 'status',
  aduan: 'list',
  pengaduan: 'list',
  complaints: 'list',
  daftargrup: 'register_group',
  bahasa: 'language',
  language: 'language',
  bantuan: 'help',
  help: 'help',
  start: 'help',
};

/**
 * Reads a staff member's message. The complaint is the number written in it, or else the one in the
 * message it replies to (the bot's post of the complaint, or a message relayed in its thread); a
 * plain reply to such a message is a reply to the complainant.
 */
export function parseStaffCommand(text: string, repliedTo?: string): StaffCommand {
  const trimmed = text.trim();
  const command = /^\/([a-z]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(trimmed);
  const quoted = quotedNumber(repliedTo, COMPLAINT_NUMBER);
  const inReplyTo = quoted.kind === 'one' ? quoted.number : undefined;
  if (!command) {
    if (inReplyTo) return { kind: 'act', number: inReplyTo, action: { kind: 'reply', text: trimmed } };
    if (quoted.kind === 'several') {
      return {
        kind: 'help',
        problem: catalogText('complaint.severalQuoted'),
      };
    }
    return { kind: 'help' };
  }
  const verb = COMMANDS[(command[1] ?? '').toLowerCase()];
  if (!verb)
    return {
      kind: 'help',
      problem: catalogText('complaint.unknownCommand', { command: command[1] ?? '' }),
    };
  if (verb === 'list' || verb === 'register_group' || verb === 'help') return { kind: verb };
  if (verb === 'language') {
    const language = /^(id|indonesia|bahasa indonesia)$/i.test((command[2] ?? '').trim())
      ? 'id'
      : /^(en|english|inggris)$/i.test((command[2] ?? '').trim())
        ? 'en'
        : undefined;
    if (language) return { kind: 'language', language };
    return {
      kind: 'help',
      problem: catalogText('complaint.languageExample'),
    };
  }

  let rest = (command[2] ?? '').trim();
  const written = COMPLAINT_NUMBER.exec(rest)?.[0];
  if (written) rest = rest.replace(written, '').replace(/\s+/g, ' ').trim();
  const number = (written ?? inReplyTo)?.toUpperCase();
  if (!number) {
    return {
      kind: 'help',
      problem: catalogText('complaint.whichComplaint', { command: command[1] ?? '' }),
    };
  }
  switch (verb) {
    case 'status':
      return { kind: 'status', number };
    case 'take':
      return { kind: 'act', number, action: { kind: 'take' } };
    case 'refer':
      if (!rest)
        return {
          kind: 'help',
          problem: catalogText('complaint.referWhere'),
        };
      return { kind: 'act', number, action: { kind: 'refer', service: rest } };
    case 'answer':
      return { kind: 'act', number, action: { kind: 'answer', text: rest || undefined } };
    case 'close':
      return { kind: 'act', number, action: { kind: 'close', note: rest || undefined } };
    case 'reopen':
      return { kind: 'act', number, action: { kind: 'reopen', note: rest || undefined } };
    case 'note':
      if (!rest)
        return {
          kind: 'help',
          problem: catalogText('complaint.noteWhat'),
        };
      return { kind: 'act', number, action: { kind: 'note', text: rest } };
  }
}
