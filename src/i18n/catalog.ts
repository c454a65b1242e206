import { plural } from './format';
import type { Language } from './language';
import { inLanguage, type LocalizedText } from './localized-text';
import { broadcastTexts } from './texts/broadcasts';
import { channelTexts } from './texts/channels';
import { chatTexts } from './texts/chats';
import { complaintCategoryTexts } from './texts/complaint-categories';
import { complaintTexts } from './texts/complaints';
import { conversationTexts } from './texts/conversation';
import { digestTexts } from './texts/digests';
import { exportTexts } from './texts/exports';
import { handoverTexts } from './texts/handovers';
import { identityTexts } from './texts/identity';
import { importTexts } from './texts/imports';
import { informationTexts } from './texts/information';
import { inputTexts } from './texts/inputs';
import { mentorTexts } from './texts/mentors';
import { participantTexts } from './texts/participants';
import { privacyTexts } from './texts/privacy';
import { reminderTexts } from './texts/reminders';
import { reportTexts } from './texts/reports';
import { sessionTexts } from './texts/sessions';
import { signInTexts } from './texts/sign-in';
import { staffTexts } from './texts/staff';

/**
 * Every text the bot writes to people, by area. Indonesian is the source: its `{name}` placeholders are
 * the text's variables, which English must use too; Sundanese is written where it is written well and
 * otherwise falls back to Indonesian (`npm run texts:sundanese` lists what is missing).
 *
 * In a template, `{name}` is a variable and `{name:week|weeks}` the form of a word counted by `name`
 * (see `plural`). A number is written as its digits: an amount or a large count is formatted by the
 * caller (`formatRupiah`, `formatNumber`), so that a year stays `2026`.
 */
export const CATALOG = {
  broadcast: broadcastTexts,
  channel: channelTexts,
  chat: chatTexts,
  complaint: complaintTexts,
  complaintCategory: complaintCategoryTexts,
  conversation: conversationTexts,
  digest: digestTexts,
  export: exportTexts,
  handover: handoverTexts,
  identity: identityTexts,
  import: importTexts,
  information: informationTexts,
  input: inputTexts,
  mentor: mentorTexts,
  participant: participantTexts,
  privacy: privacyTexts,
  reminder: reminderTexts,
  report: reportTexts,
  session: sessionTexts,
  signIn: signInTexts,
  staff: staffTexts,
} as const;

/** One entry of the catalog. */
export interface CatalogText {
  readonly id: string;
  readonly en: string;
  readonly su?: string;
}

type Catalog = typeof CATALOG;
type Area = keyof Catalog & string;

/** `input.notUnderstood`: an area of the catalog and a text in it. */
export type TextKey = { [A in Area]: `${A}.${keyof Catalog[A] & string}` }[Area];

type EntryOf<K extends TextKey> = K extends `${infer A extends Area}.${infer N}`
  ? N extends keyof Catalog[A]
    ? Catalog[A][N]
    : never
  : never;

/** The variables a template names: `{count}` and `{count:week|weeks}` both name `count`. */
type Placeholders<S> = S extends `${string}{${infer Inside}}${infer Rest}`
  ? (Inside extends `${infer Name}:${string}` ? Name : Inside) | Placeholders<Rest>
  : never;

/** A variable's value: a number or a string, or a text of its own, taken in the same language. */
export type TextVariable = string | number | LocalizedText;

type VariablesOf<K extends TextKey> =
  EntryOf<K> extends { id: infer Source } ? { [Name in Placeholders<Source>]: TextVariable } : never;

/** No second argument for a text without variables; exactly its variables otherwise. */
type VariablesArgument<K extends TextKey> = [keyof VariablesOf<K>] extends [never] ? [] : [VariablesOf<K>];

const PLACEHOLDER = /\{([A-Za-z]\w*)(?::([^|{}]*)\|([^|{}]*))?\}/g;

function entryOf(key: TextKey): CatalogText {
  const [area, name] = key.split('.') as [Area, string];
  return (CATALOG[area] as Record<string, CatalogText>)[name] as CatalogText;
}

/** A template with its variables filled in, in `language`. */
export function fill(template: string, variables: Record<string, TextVariable>, language: Language): string {
  return template.replace(PLACEHOLDER, (placeholder, name: string, one?: string, other?: string) => {
    const value = variables[name];
    if (value === undefined) return placeholder;
    if (one !== undefined && other !== undefined) return plural(Number(value), language, [one, other]);
    return typeof value === 'object' ? inLanguage(value, language) : String(value);
  });
}

/** A text of the catalog in every language, for a message whose reader's language is known later. */
export function text<K extends TextKey>(key: K, ...[variables]: VariablesArgument<K>): LocalizedText {
  const entry = entryOf(key);
  const given: Record<string, TextVariable> = variables ?? {};
  return {
    id: fill(entry.id, given, 'id'),
    en: fill(entry.en, given, 'en'),
    ...(entry.su === undefined ? {} : { su: fill(entry.su, given, 'su') }),
  };
}

/** A text of the catalog in one language. */
export function say<K extends TextKey>(
  key: K,
  language: Language,
  ...[variables]: VariablesArgument<K>
): string {
  const entry = entryOf(key);
  const template = language === 'en' ? entry.en : language === 'su' ? (entry.su ?? entry.id) : entry.id;
  return fill(template, variables ?? {}, language);
}

/**
 * A text in Indonesian, then English after a slash: for a reader whose language is not known and who
 * reads one of the two (an operator's console or admin endpoint, a refusal shown to whoever sent it).
 */
export function inBothLanguages<K extends TextKey>(key: K, ...variables: VariablesArgument<K>): string {
  return `${say(key, 'id', ...variables)} / ${say(key, 'en', ...variables)}`;
}

/** Every entry with its key, for the catalog's checks and the list of what Sundanese lacks. */
export function catalogEntries(): [TextKey, CatalogText][] {
  return Object.entries(CATALOG).flatMap(([area, texts]) =>
    Object.entries(texts as Record<string, CatalogText>).map(
      ([name, entry]) => [`${area}.${name}` as TextKey, entry] as [TextKey, CatalogText],
    ),
  );
}
