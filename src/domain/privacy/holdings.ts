import type { Models } from '../../db/models';
import { conversationKey } from '../../db/models/conversation';
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
  complaints: { held: true },
  unroutedComplaints: { held: false, why: 'desa, category and time only' },
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

const byChat = (chats: Chat[], prefix = '') =>
  chats.map((chat) => ({ [`${prefix}channel`]: chat.channel, [`${prefix}chatId`]: chat.chatId }));

/** Reads what is held about `subject`. Nothing is written. */
export async function gatherHoldings(models: Models, subject: DataSubject): Promise<Holdings> {
  const record = subject.kind === 'resident' ? undefined : subject.record;
  const id = record?._id;
  const participant = subject.kind === 'participant' ? id : undefined;
  const account =
    subject.kind === 'mentor' || subject.kind === 'staff' ? { kind: subject.kind, id } : undefined;
  const recordChats = chatsOf(subject.phone, record?.channels);

  const complaints = await models.complaints
    .find({
      $or: [
        ...(participant ? [{ participant }] : []),
        { complainantPhone: subject.phone },
        ...byChat(recordChats, 'complainantChat.'),
      ],
    })
    .lean<Lean[]>();
  // A resident's complaint names the chat it came from, which the phone may not give (Telegram).
  const chats = distinctChats([
    ...recordChats,
    ...complaints.flatMap((complaint) => {
      const chat = complaint.complainantChat as Chat | undefined;
      return chat ? [chat] : [];
    }),
  ]);
  const keys = chats.map((chat) => conversationKey(chat.channel, chat.chatId));
  const none = Promise.resolve([] as Lean[]);
  const [
    conversations,
    chatLogs,
    inboundMessages,
    inboundQueue,
    outbox,
    outboxQueue,
    weeklyReports,
    reportLedger,
    mentoringSessions,
    sessionResponses,
    sessionAttendance,
    handovers,
    openHandovers,
    identities,
    auditEvents,
    apiTokens,
    webSessions,
    signInCodes,
    signInAttempts,
  ] = await Promise.all([
    Promise.all(keys.map((key) => models.conversations.findById(key).lean<Lean>())),
    Promise.all(keys.map((key) => models.chatLogs.findById(key, { _id: 1 }).lean<Lean>())),
    models.inboundMessages
      .find({ $or: byChat(chats) })
      .sort({ receivedAt: 1 })
      .lean<Lean[]>(),
    models.inboundQueue.find({ $or: byChat(chats) }, { _id: 1 }).lean<Lean[]>(),
    models.outbox
      .find({ $or: byChat(chats) })
      .sort({ createdAt: 1 })
      .lean<Lean[]>(),
    models.outboxQueue.find({ $or: byChat(chats) }, { _id: 1 }).lean<Lean[]>(),
    participant ? models.weeklyReports.find({ participant }).sort({ week: 1 }).lean<Lean[]>() : none,
    participant ? models.reportLedgers.find({ _id: String(participant) }).lean<Lean[]>() : none,
    id
      ? models.mentoringSessions
          .find(subject.kind === 'mentor' ? { mentor: id } : { participants: id })
          .sort({ startsAt: 1 })
          .lean<Lean[]>()
      : none,
    participant ? models.sessionResponses.find({ participant }).lean<Lean[]>() : none,
    participant ? models.sessionAttendance.find({ participant }).lean<Lean[]>() : none,
    models.handovers
      .find({
        $or: [...(participant ? [{ 'requester.participant': participant }] : []), ...byChat(chats, 'chat.')],
      })
      .lean<Lean[]>(),
    Promise.all(keys.map((key) => models.openHandovers.findById(key).lean<Lean>())),
    // A private chat's key is its writer's identity key too (src/db/models/identity.ts).
    Promise.all(keys.map((key) => models.identities.findById(key).lean<Lean>())),
    id
      ? models.auditEvents
          .find({
            $or: [{ target: String(id) }, ...(account ? [{ actor: `${account.kind}:${String(id)}` }] : [])],
          })
          .sort({ at: 1 })
          .lean<Lean[]>()
      : none,
    account
      ? models.apiTokens.find({ 'account.kind': account.kind, 'account.id': id }, { hash: 0 }).lean<Lean[]>()
      : none,
    account
      ? models.webSessions
          .find({ 'account.kind': account.kind, 'account.id': id }, { _id: 0, csrfToken: 0 })
          .lean<Lean[]>()
      : none,
    account
      ? models.signInCodes
          .find({ 'account.kind': account.kind, 'account.id': id }, { salt: 0, hash: 0 })
          .lean<Lean[]>()
      : none,
    account
      ? models.signInAttempts
          .find({ login: { $in: [`${account.kind}:${String(id)}`, subject.phone] } })
          .lean<Lean[]>()
      : none,
  ]);
  return {
    subject,
    chats,
    conversations: conversations.filter((found): found is Lean => found !== null),
    chatLogs: chatLogs.flatMap((found) => (found ? [String(found._id)] : [])),
    inboundMessages,
    inboundQueue: inboundQueue.map((entry) => String(entry._id)),
    outbox,
    outboxQueue: outboxQueue.map((entry) => String(entry._id)),
    weeklyReports,
    reportLedger,
    complaints,
    mentoringSessions,
    sessionResponses,
    sessionAttendance,
    handovers,
    openHandovers: openHandovers.filter((found): found is Lean => found !== null),
    identities: identities.filter((found): found is Lean => found !== null),
    auditEvents,
    apiTokens,
    webSessions,
    signInCodes,
    signInAttempts,
  };
}
