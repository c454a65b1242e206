import type { Models } from '../../db/models';
import { conversationKey } from '../../db/models/conversation';
import { ownedByEach, type OwnedBy } from './owners';
import { chatsOf, distinctChats, type Chat, type DataSubject } from './subject';

/**
 * What each collection holds about a person, and so what `npm run privacy` reads and changes there.
 * Every model is named (the compiler sees to it): a new one cannot be added without saying here
 * whether it holds personal data, and `test/unit/privacy-coverage.test.ts` checks that a collection
 * whose schema names a person, a phone or a chat says it does.
 */
export const PERSONAL_DATA: Record<keyof Models, { held: true } | { held: false; why: string }> = {
  participants: { held: true },
  mentors: { held: true },
  staff: { held: true },
  puskesos: { held: false, why: 'a unit; its staff groups are group chats, not a person' },
  weeklyReports: { held: true },
  reportLedgers: { held: true },
  mentoringSessions: { held: true },
  sessionResponses: { held: true },
  sessionAttendance: { held: true },
  sessionIndex: {
    held: false,
    why: 'a session’s time, place, topic, kecamatan and counts, with participant ids as week summaries keep them',
  },
  sessionLedgers: {
    held: false,
    why: 'answers and attendance by participant id, as week summaries keep figures; erasure makes the record they point to pseudonymous',
  },
  complaints: { held: true },
  unroutedComplaints: { held: false, why: 'desa, category and time only' },
  complaintIndexes: {
    held: false,
    why: 'each complaint’s list entry with the participant’s name as shown; erasure writes the entries again with the pseudonym',
  },
  conversations: { held: true },
  chatLogs: { held: true },
  inboundMessages: { held: true },
  inboundQueue: { held: true },
  outbox: { held: true },
  outboxQueue: { held: true },
  outboxAhead: { held: true },
  outboxFailures: { held: true },
  outboxPlatformIds: { held: true },
  auditEvents: { held: true },
  auditDays: { held: true },
  leases: { held: true },
  identities: { held: true },
  jobRuns: { held: false, why: 'job names, occurrences and counts' },
  webSessions: { held: true },
  signInAttempts: { held: true },
  signInCodes: { held: true },
  signInCodeTries: { held: false, why: 'a code’s tries by time; the code names the account' },
  apiTokens: { held: true },
  migrations: { held: false, why: 'which conversions ran' },
  messageEffects: { held: false, why: 'a message key and the complaint number it gave' },
  weekSummaries: {
    held: false,
    why: 'figures by participant id, kept for the programme’s counts as reports are; erasure makes the record they point to pseudonymous',
  },
  participantRoster: {
    held: false,
    why: 'a copy of the listed fields of each participant record (name, phone, place), rewritten with the record: erasure’s pseudonym replaces them there too',
  },
  handovers: { held: true },
  openHandovers: { held: true },
  broadcasts: { held: false, why: 'a message staff or a mentor wrote to a group, its filter and counts' },
  broadcastRecipients: {
    held: false,
    why: 'participant ids of a broadcast, as week summaries; erasure makes the record they point to pseudonymous',
  },
  savedReplies: { held: false, why: 'answer texts kept ready by a Puskesos, the Dinsos or a mentor' },
  privacyRequests: {
    held: false,
    why: 'a request about a participant’s data, keyed by their id (pseudonymous once erased), and counts',
  },
  privacyResults: { held: false, why: 'counts of a finished privacy request, keyed by the participant’s id' },
};

type Lean = Record<string, unknown> & { _id: unknown };

/**
 * Everything held about one person, each collection read once: by `_id` where the key follows from
 * who they are (conversations, the ledger), otherwise one scan with a filter naming them (a request
 * of the person, not the message path).
 */
export interface Holdings {
  subject: DataSubject;
  chats: Chat[];
  conversations: Lean[];
  /** Keys of their chats' logs of what the service sent on its own (the outbox holds those messages). */
  chatLogs: string[];
  inboundMessages: Lean[];
  /** Keys of their messages still to be handled. */
  inboundQueue: string[];
  outbox: Lean[];
  /** Keys of the messages to them still to be sent. */
  outboxQueue: string[];
  weeklyReports: Lean[];
  reportLedger: Lean[];
  complaints: Lean[];
  mentoringSessions: Lean[];
  sessionResponses: Lean[];
  sessionAttendance: Lean[];
  handovers: Lean[];
  openHandovers: Lean[];
  identities: Lean[];
  auditEvents: Lean[];
  apiTokens: Lean[];
  webSessions: Lean[];
  signInCodes: Lean[];
  signInAttempts: Lean[];
}

/** Who a subject is, as the collections name them. */
function personOf(subject: DataSubject) {
  const record = subject.kind === 'resident' ? undefined : subject.record;
  const id = record?._id;
  return {
    subject,
    id,
    participant: subject.kind === 'participant' ? id : undefined,
    account: subject.kind === 'mentor' || subject.kind === 'staff' ? { kind: subject.kind, id } : undefined,
    recordChats: chatsOf(subject.phone, record?.channels),
  };
}
type Person = ReturnType<typeof personOf>;

const owned = (fields: string[], ...values: unknown[]): OwnedBy => ({ fields, values });
const byChats = (chats: Chat[], prefix = '') =>
  chats.map((chat) => owned([`${prefix}channel`, `${prefix}chatId`], chat.channel, chat.chatId));
const byParticipant = (person: Person, field = 'participant') =>
  person.participant ? [owned([field], person.participant)] : [];
const byAccount = (person: Person) =>
  person.account ? [owned(['account.kind', 'account.id'], person.account.kind, person.account.id)] : [];
const found = (documents: (Lean | null)[]) =>
  documents.filter((document): document is Lean => document !== null);

/** Reads what is held about `subject`. Nothing is written. */
export async function gatherHoldings(models: Models, subject: DataSubject): Promise<Holdings> {
  const [holdings] = await gatherHoldingsOfMany(models, [subject]);
  if (!holdings) throw new Error('one subject gives one set of holdings');
  return holdings;
}

/**
 * Reads what is held about each of `subjects`, every collection that needs a filter read once for all
 * of them (the complaints first: a resident's complaint names the chat it came from, which the phone
 * may not give, as on Telegram). Nothing is written.
 */
export async function gatherHoldingsOfMany(
  models: Models,
  subjects: readonly DataSubject[],
): Promise<Holdings[]> {
  const people = subjects.map(personOf);
  const complaints = await ownedByEach(
    (filter) => models.complaints.find(filter).lean<Lean[]>(),
    people.map((person) => [
      ...byParticipant(person),
      owned(['complainantPhone'], person.subject.phone),
      ...byChats(person.recordChats, 'complainantChat.'),
    ]),
  );
  const chats = people.map((person, index) =>
    distinctChats([
      ...person.recordChats,
      ...(complaints[index] ?? []).flatMap((complaint) => {
        const chat = complaint.complainantChat as Chat | undefined;
        return chat ? [chat] : [];
      }),
    ]),
  );
  const chatsOfEach = (prefix = '') => chats.map((list) => byChats(list, prefix));
  const [
    inboundMessages,
    inboundQueue,
    outbox,
    outboxQueue,
    weeklyReports,
    mentoringSessions,
    sessionResponses,
    sessionAttendance,
    handovers,
    auditEvents,
    apiTokens,
    webSessions,
    signInCodes,
    signInAttempts,
    keyed,
  ] = await Promise.all([
    ownedByEach(
      (filter) => models.inboundMessages.find(filter).sort({ receivedAt: 1 }).lean<Lean[]>(),
      chatsOfEach(),
    ),
    ownedByEach(
      (filter) => models.inboundQueue.find(filter, { channel: 1, chatId: 1 }).lean<Lean[]>(),
      chatsOfEach(),
    ),
    ownedByEach((filter) => models.outbox.find(filter).sort({ createdAt: 1 }).lean<Lean[]>(), chatsOfEach()),
    ownedByEach(
      (filter) => models.outboxQueue.find(filter, { channel: 1, chatId: 1 }).lean<Lean[]>(),
      chatsOfEach(),
    ),
    ownedByEach(
      (filter) => models.weeklyReports.find(filter).sort({ week: 1 }).lean<Lean[]>(),
      people.map((person) => byParticipant(person)),
    ),
    ownedByEach(
      (filter) => models.mentoringSessions.find(filter).sort({ startsAt: 1 }).lean<Lean[]>(),
      people.map((person) =>
        person.subject.kind === 'mentor'
          ? [owned(['mentor'], person.id)]
          : byParticipant(person, 'participants'),
      ),
    ),
    ownedByEach(
      (filter) => models.sessionResponses.find(filter).lean<Lean[]>(),
      people.map((person) => byParticipant(person)),
    ),
    ownedByEach(
      (filter) => models.sessionAttendance.find(filter).lean<Lean[]>(),
      people.map((person) => byParticipant(person)),
    ),
    ownedByEach(
      (filter) => models.handovers.find(filter).lean<Lean[]>(),
      people.map((person, index) => [
        ...byParticipant(person, 'requester.participant'),
        ...byChats(chats[index] ?? [], 'chat.'),
      ]),
    ),
    ownedByEach(
      (filter) => models.auditEvents.find(filter).sort({ at: 1 }).lean<Lean[]>(),
      people.map((person) =>
        person.id
          ? [
              owned(['target'], String(person.id)),
              ...(person.account ? [owned(['actor'], `${person.account.kind}:${String(person.id)}`)] : []),
            ]
          : [],
      ),
    ),
    ownedByEach((filter) => models.apiTokens.find(filter, { hash: 0 }).lean<Lean[]>(), people.map(byAccount)),
    ownedByEach(
      (filter) => models.webSessions.find(filter, { _id: 0, csrfToken: 0 }).lean<Lean[]>(),
      people.map(byAccount),
    ),
    ownedByEach(
      (filter) => models.signInCodes.find(filter, { salt: 0, hash: 0 }).lean<Lean[]>(),
      people.map(byAccount),
    ),
    ownedByEach(
      (filter) => models.signInAttempts.find(filter).lean<Lean[]>(),
      people.map((person) =>
        person.account
          ? [
              owned(['login'], `${person.account.kind}:${String(person.id)}`),
              owned(['login'], person.subject.phone),
            ]
          : [],
      ),
    ),
    Promise.all(people.map((person, index) => keyedHoldings(models, chats[index] ?? [], person))),
  ]);
  return people.map((person, index) => {
    const of = (lists: Lean[][]) => lists[index] ?? [];
    return {
      subject: person.subject,
      chats: chats[index] ?? [],
      ...keyed[index]!,
      inboundMessages: of(inboundMessages),
      inboundQueue: of(inboundQueue).map((entry) => String(entry._id)),
      outbox: of(outbox),
      outboxQueue: of(outboxQueue).map((entry) => String(entry._id)),
      weeklyReports: of(weeklyReports),
      complaints: of(complaints),
      mentoringSessions: of(mentoringSessions),
      sessionResponses: of(sessionResponses),
      sessionAttendance: of(sessionAttendance),
      handovers: of(handovers),
      auditEvents: of(auditEvents),
      apiTokens: of(apiTokens),
      webSessions: of(webSessions),
      signInCodes: of(signInCodes),
      signInAttempts: of(signInAttempts),
    };
  });
}

/** What is read by `_id` for one person: the key follows from their chats or their record. */
async function keyedHoldings(models: Models, chats: Chat[], person: Person) {
  const keys = chats.map((chat) => conversationKey(chat.channel, chat.chatId));
  const [conversations, chatLogs, reportLedger, openHandovers, identities] = await Promise.all([
    Promise.all(keys.map((key) => models.conversations.findById(key).lean<Lean>())),
    Promise.all(keys.map((key) => models.chatLogs.findById(key, { _id: 1 }).lean<Lean>())),
    person.participant ? models.reportLedgers.findById(String(person.participant)).lean<Lean>() : null,
    Promise.all(keys.map((key) => models.openHandovers.findById(key).lean<Lean>())),
    // A private chat's key is its writer's identity key too (src/db/models/identity.ts).
    Promise.all(keys.map((key) => models.identities.findById(key).lean<Lean>())),
  ]);
  return {
    conversations: found(conversations),
    chatLogs: found(chatLogs).map((log) => String(log._id)),
    reportLedger: found([reportLedger]),
    openHandovers: found(openHandovers),
    identities: found(identities),
  };
}
