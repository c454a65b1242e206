import type { Models } from '../db/models';
import { isDuplicateKey } from '../db/errors';
import { updateGrouped } from '../db/group-commit';
import {
  chatsWaitingSince,
  inboundFailed,
  recordInbound,
  settleInbound,
  waitingInChat,
  type WaitingMessage,
} from '../db/inbound';
import { conversationKey } from '../db/models/conversation';
import type { Language } from '../domain/program';
import type { FlowLibrary } from '../engine/flows';
import {
  answerStep,
  continueAfterAction,
  goBack,
  startFlow,
  type Interpreter,
  type StepOutcome,
} from '../engine/conversation/step';
import type { EngineEvent } from '../engine/conversation/events';
import type { AnswerValue, FlowState } from '../engine/conversation/state';
import type { Channel, ConversationContext, InboundMessage, OutboundMessage } from '../engine/messages';
import { inLanguage, type LocalizedText } from '../engine/text';
import type { Logger } from '../log';
import { ACTION_HANDLERS, type ActionContext, type ActionResult } from './actions';
import {
  acquireChatLockWithin,
  CHAT_LOCK_PATIENCE_MS,
  chatLockKey,
  LOCK_MILLISECONDS,
  releaseChatLock,
  renewChatLock,
} from './chat-lock';
import { holdsLease } from '../db/leases';
import { queueOnce } from '../db/outbox';
import { globalCommand, type GlobalCommand } from './commands';
import { identifyPerson, rememberChat, type Person, type RememberedWriter } from './identify';
import { answerMentor } from './mentor-commands';
import { digestActionOf } from '../domain/digests';
import { ownParticipantNamed, typedDigestActionOf } from './typed-digest-action';
import { nudgeFromMentor, type NudgeOutcome } from '../domain/reminders';
import { answerStaff } from './staff-commands';
import {
  answerByQuoting,
  askForPerson,
  whileHandedOver,
  type HandoverChat,
  type HandoverStep,
} from './handover';
import { nextAllowedTime, type QuietHours } from '../scheduler/quiet-hours';
import { keepLatest, personLine, serviceLine, type ChatLine } from '../domain/transcripts/lines';
import { answerStatusQuery, statusQueryOf } from './complaint-status';
import { topicOfTurn, type MessageTopic } from './complaint-topic';
import { reportShortcutOf } from './report-shortcut';
import {
  complainantUpdateText,
  type ComplainantNotice,
  type ComplaintUpdate,
  type ComplaintDeskSettings,
} from '../domain/complaints';

export interface ConversationServiceOptions {
  models: Models;
  flows: FlowLibrary;
  interpret: Interpreter;
  clock: () => Date;
  timeZone: string;
  /** A conversation idle longer than this ends politely; its answers are kept as a draft. */
  idleTimeoutMs: number;
  logger: Logger;
  complaints: ComplaintDeskSettings;
  /** Invitations and reminders a conversation plans (a mentor's session) wait out these hours. */
  quietHours?: QuietHours | undefined;
}

const SAY: Record<string, LocalizedText> = {
  unregistered: {
    id: 'Maaf, nomor ini belum terdaftar sebagai peserta ProKUS. Mohon hubungi pendamping (MiBi atau TKSK) atau Dinsos untuk didaftarkan. Untuk mengirim pengaduan layanan sosial ke Puskesos, ketik ADUAN, atau hubungi Call Center Kemensos 171.',
    en: 'Sorry, this number is not registered as a ProKUS participant. Please ask your mentor (MiBi or TKSK) or the Dinsos to register you. To send a complaint about social services to the Puskesos, type ADUAN, or call the Kemensos call centre 171.',
    su: 'Hapunten, nomer ieu teu acan kadaptar salaku pamilon ProKUS. Mangga hubungi pendamping (MiBi atanapi TKSK) atanapi Dinsos kanggo didaptarkeun. Kanggo ngintunkeun pangaduan layanan sosial ka Puskesos, serat ADUAN, atanapi hubungi Call Center Kemensos 171.',
  },

  shareOwnContact: {
    id: 'Itu nomor orang lain. Untuk mengenali Bapak/Ibu, kami perlu nomor Bapak/Ibu sendiri: mohon tekan tombol "Bagikan nomor HP" di bawah, bukan kirim kontak dari daftar.',
    en: 'That is someone else’s number. To know who you are we need your own: please press the "Share my number" button below rather than send a contact from your list.',
    su: 'Éta nomer batur. Kanggo ngawanohan Bapak/Ibu, abdi peryogi nomer Bapak/Ibu nyalira: mangga pencét tombol "Bagikeun nomer HP" di handap, sanés ngintun kontak tina daptar.',
  },
  shareContact: {
    id: 'Selamat datang di Pendamping, layanan pendampingan ProKUS. Untuk mengenali Bapak/Ibu, mohon tekan tombol "Bagikan nomor HP" di bawah.',
    en: 'Welcome to Pendamping, the ProKUS mentoring service. So that we know who you are, please press the "Share my number" button below.',
    su: 'Wilujeng sumping di Pendamping, layanan pendampingan ProKUS. Kanggo ngawanohan Bapak/Ibu, mangga pencét tombol "Bagikeun nomer HP" di handap.',
  },
  idle: {
    id: 'Percakapan sebelumnya kami tutup karena lama tidak dibalas. Jawaban Bapak/Ibu tetap tersimpan dan bisa dilanjutkan.',
    en: 'We closed the previous conversation because it was idle. Your answers are kept and you can continue.',
    su: 'Obrolan saacanna ditutup kusabab lami teu diwaler. Waleran Bapak/Ibu tetep disimpen sareng tiasa dilajengkeun.',
  },
  resumed: {
    id: 'Kita lanjutkan yang belum selesai. Ketik BATAL untuk mulai dari awal.',
    en: 'Let us continue where you left off. Type BATAL to start again.',
    su: 'Urang lajengkeun nu teu acan réngsé. Serat BATAL kanggo ngamimitian ti awal.',
  },
  cancelled: {
    id: 'Baik, dibatalkan.',
    en: 'All right, cancelled.',
    su: 'Muhun, dibatalkeun.',
  },
  stopped: {
    id: 'Baik, Bapak/Ibu tidak akan menerima pengingat lagi. Ketik MULAI untuk menerimanya kembali.',
    en: 'All right, you will get no more reminders. Type START to get them again.',
    su: 'Muhun, Bapak/Ibu moal nampi pangéling deui. Serat MULAI kanggo nampi deui.',
  },
  resumedReminders: {
    id: 'Pengingat aktif kembali. Terima kasih, Bapak/Ibu.',
    en: 'Reminders are on again. Thank you.',
    su: 'Pangéling aktip deui. Hatur nuhun, Bapak/Ibu.',
  },
};

/** What someone we do not know may do: complain, answer the staff about it, and rate its answer. */
const RESIDENT_FLOWS = new Set(['resident-complaint', 'complaint-reply', 'complaint-rating']);
const RESIDENT_ACTIONS = new Set<string>([
  'open_resident_complaint',
  'relay_complaint_message',
  'rate_complaint',
]);
/** Flows that news of a complaint may replace: nothing is lost by leaving them. */
const NEWS_REPLACES = new Set(['menu', 'complaint-reply']);
/** What mentors do in chat besides their digest: plan a session, record who came. */
const MENTOR_FLOWS = new Set(['mentor-session', 'mentor-attendance']);
const MENTOR_ACTIONS = new Set<string>([
  'list_mentor_participants',
  'choose_session_participants',
  'plan_mentor_session',
  'find_attendance_session',
  'record_attendance',
]);

/** What a mentor is told after tapping "Ingatkan" under their digest, in the mentor's language. */
const NUDGE_REPLIES: Record<NudgeOutcome, (name: string) => LocalizedText> = {
  queued: (name) => ({ id: `Pengingat dikirim ke ${name}.`, en: `Reminder sent to ${name}.` }),
  already_today: (name) => ({
    id: `${name} sudah diingatkan hari ini.`,
    en: `${name} has already been reminded today.`,
  }),
  not_yours: () => ({
    id: 'Peserta itu bukan dampingan Bapak/Ibu.',
    en: 'That participant is not one of yours.',
  }),
  stopped: (name) => ({
    id: `${name} meminta tidak dikirimi pengingat (STOP); silakan hubungi langsung.`,
    en: `${name} asked for no reminders (STOP); please contact them directly.`,
  }),
  unreachable: (name) => ({
    id: `${name} belum punya akun chat tercatat; silakan hubungi langsung.`,
    en: `${name} has no chat app on record; please contact them directly.`,
  }),
};

/** A typed digest action ("INGATKAN siti") whose name does not pick out one of the mentor's participants. */
const NAMED_PARTICIPANT: {
  several: (names: string[]) => LocalizedText;
  none: (name: string) => LocalizedText;
} = {
  several: (names) => ({
    id: `Ada ${names.length} peserta: ${names.join(', ')}. Ketik nama lengkapnya.`,
    en: `There are ${names.length} participants: ${names.join(', ')}. Type the full name.`,
  }),
  none: (name) => ({
    id: `Tidak ada peserta dampingan Bapak/Ibu bernama "${name}".`,
    en: `None of your participants is called "${name}".`,
  }),
};

function mentorFlowAsked(text: string | undefined): string | undefined {
  const words = (text ?? '').trim().toLowerCase().replace(/^\//, '');
  if (/^(sesi|buat sesi|jadwalkan|sesi baru|session)$/.test(words)) return 'mentor-session';
  if (/^(hadir|absen|kehadiran|attendance)$/.test(words)) return 'mentor-attendance';
  return undefined;
}

const RESIDENT_COMPLAINT_WORDS = /^\s*\/?(aduan|pengaduan|ngadu|complaint|pangaduan)\s*[.!]*\s*$/i;

/** A reply a message got, queued in the outbox under `key`. */
export interface QueuedReply {
  key: string;
  message: OutboundMessage;
}

/** The state one message leaves a chat in, written in one update together with the message's id. */
interface Turn {
  flow: FlowState | undefined;
  draft: FlowState | undefined;
  handoff: boolean;
  /** An answered complaint to ask the rating of once no flow is in hand. */
  pendingRating: string | undefined;
  /** What the person wrote before being asked for consent, handled once they agree. */
  firstMessage: { text?: string | undefined; choice?: string | undefined } | undefined;
  replies: OutboundMessage[];
  /** News for other chats (a complaint's complainant), delivered after this message. */
  notices: ComplainantNotice[];
}

/**
 * Carries every inbound message through the engine: stored first under a unique index (a message
 * delivered twice has one effect), then handled in order per chat under a lock in MongoDB, the new
 * state and the replies written before anything is sent. Channels deliver the replies from the outbox.
 */
export class ConversationService {
  constructor(private readonly options: ConversationServiceOptions) {}

  /**
   * Stores the message, then handles every waiting message of its chat; `duplicate` means it was
   * already received. A duplicate drains too: its first delivery may have been stored by an instance
   * that stopped before handling it, and the platform's retry is what comes first to finish it.
   */
  async receive(inbound: InboundMessage): Promise<'accepted' | 'duplicate'> {
    return (await this.converse(inbound)).status;
  }

  /**
   * As `receive`, also giving the replies queued for the chat by the messages this call handled,
   * still in the outbox queue: a channel that answers in the request itself (the simulator) takes
   * them from here rather than reading the queue.
   */
  async converse(
    inbound: InboundMessage,
  ): Promise<{ status: 'accepted' | 'duplicate'; replies: QueuedReply[] }> {
    const status = await this.accept(inbound);
    return { status, replies: await this.drain(inbound.channel, inbound.chatId) };
  }

  /**
   * Only stores the message, durably and once: what a webhook does before answering the platform,
   * handling it afterwards with `drain`.
   */
  async accept(inbound: InboundMessage): Promise<'accepted' | 'duplicate'> {
    return recordInbound(this.options.models, inbound);
  }

  /**
   * Handles a chat's waiting messages oldest first while holding its lock. When another request holds
   * it, this one waits for it up to `patienceMs`, then handles what is still waiting (its own message,
   * unless the holder took it along). A holder that kept the lock long enough for a waiter to give up
   * looks at the queue again after releasing it; the sweep (patience 0) always does. Returns the
   * replies it queued for this chat.
   */
  async drain(channel: string, chatId: string, patienceMs = CHAT_LOCK_PATIENCE_MS): Promise<QueuedReply[]> {
    const { models, clock } = this.options;
    const others = new Map<string, { channel: string; chatId: string }>();
    const replies: QueuedReply[] = [];
    for (;;) {
      const token = await acquireChatLockWithin(models, channel, chatId, clock, patienceMs);
      if (!token) break;
      let lockedAt = clock();
      const held = performance.now();
      // News this chat sent itself (a complainant's own rating, say) waits behind its lock: no request
      // of its own waits for it, so this round looks again.
      let newsForItself = false;
      try {
        for (const message of await waitingInChat<InboundMessage>(models, channel, chatId, clock())) {
          // A long backlog (after an outage) outlasts the lease: it is renewed on the way, and a holder
          // that lost it stops before handling anything more, so the chat's order holds.
          if (clock().getTime() - lockedAt.getTime() > LOCK_MILLISECONDS / 2) {
            if (!(await renewChatLock(models, channel, chatId, token, clock()))) break;
            lockedAt = clock();
          }
          const handled = await this.handle(message, { token, lockedAt });
          // The chat's later messages wait for this one's retry: answered in order, or not yet.
          if (handled === 'failed') break;
          replies.push(...handled.replies);
          for (const chat of handled.news) {
            if (chat.channel === channel && chat.chatId === chatId) newsForItself = true;
            else others.set(`${chat.channel}:${chat.chatId}`, chat);
          }
        }
      } finally {
        await releaseChatLock(models, channel, chatId, token);
      }
      // A waiter gives up only after `patienceMs`, so a message that came during a shorter hold is
      // still in its own request's hands.
      if (!newsForItself && performance.now() - held < patienceMs / 2) break;
      if ((await waitingInChat(models, channel, chatId, clock())).length === 0) break;
    }
    // The chats this one sent news to (a staff reply to its complainant) are handled next.
    for (const other of others.values()) await this.drain(other.channel, other.chatId);
    return replies;
  }

  /**
   * Hands news of a complaint to its complainant's chat as a message of its own, so that it is said in
   * their language and can start a flow (answer the staff, rate the answer) in turn with what they write.
   */
  async notify(notices: ComplainantNotice[]): Promise<void> {
    await this.acceptNotices(notices);
    for (const notice of notices) await this.drain(notice.chat.channel, notice.chat.chatId);
  }

  private async acceptNotices(notices: ComplainantNotice[]): Promise<void> {
    for (const notice of notices) {
      await this.accept({
        channel: notice.chat.channel as Channel,
        chatId: notice.chat.chatId,
        platformMessageId: notice.id,
        receivedAt: this.options.clock(),
        complaintUpdate: notice.update,
      });
    }
  }

  /**
   * Picks up messages left waiting by an instance that stopped mid-way, and retries those that failed
   * on a passing database error (up to three attempts). Run at start-up and periodically. Only
   * messages older than a lease are touched: a younger one is still in the hands of its request.
   */
  async sweep(): Promise<number> {
    const { models, clock } = this.options;
    const settled = new Date(clock().getTime() - LOCK_MILLISECONDS);
    const chats = await chatsWaitingSince(models, settled, clock());
    for (const chat of chats) await this.drain(chat.channel, chat.chatId, 0);
    return chats.length;
  }

  /**
   * Handles one message; returns the replies it queued and the chats it sent news to, or that it
   * failed (to be retried).
   */
  private async handle(
    { key, payload: inbound, attempts }: WaitingMessage<InboundMessage>,
    lock: { token: string; lockedAt: Date },
  ): Promise<{ replies: QueuedReply[]; news: ComplainantNotice['chat'][] } | 'failed'> {
    const { models, logger } = this.options;
    const conversationId = conversationKey(inbound.channel, inbound.chatId);
    const conversation = await models.conversations.findById(conversationId).lean();
    if (conversation?.lastInboundId === key) {
      // Applied before a crash that came just before it was settled: nothing to do twice.
      await settleInbound(models, key, this.options.clock(), { forgetPayload: false });
      return { replies: [], news: [] };
    }
    let applied = false;
    try {
      const now = this.options.clock();
      const userId = inbound.sender?.id ?? inbound.chatId;
      const people = (conversation?.people ?? []) as RememberedWriter[];
      const remembered = people.find((writer) => writer.userId === userId);
      const { person, writer } = await identifyPerson(
        models,
        inbound.channel,
        userId,
        // A shared contact may just have linked this chat to a record: look again.
        inbound.contact ? undefined : remembered,
        now,
      );
      if (!inbound.complaintUpdate) await rememberChat(models, person, inbound);
      const flow = asFlowState(conversation?.flow);
      const idle =
        flow &&
        conversation &&
        now.getTime() - conversation.lastActivityAt.getTime() > this.options.idleTimeoutMs;
      const flowBefore = idle ? undefined : flow;
      const turn = await this.turn(
        person,
        inbound,
        {
          flow: flowBefore,
          draft: idle ? keptDraft(flow, asFlowState(conversation?.draft)) : asFlowState(conversation?.draft),
          handoff: conversation?.handoff ?? false,
          pendingRating: conversation?.pendingRating ?? undefined,
          firstMessage: conversation?.firstMessage
            ? {
                text: conversation.firstMessage.text ?? undefined,
                choice: conversation.firstMessage.choice ?? undefined,
              }
            : undefined,
          replies: [],
          notices: [],
        },
        now,
        Boolean(idle),
      );
      const topic = topicOfTurn(inbound, flowBefore?.flowId, turn.flow?.flowId, person.kind === 'mentor');
      const replies = await this.queueReplies(key, inbound, turn.replies, now, topic);
      // From someone we do not know we keep that a message came, not what it said (UU PDP: only what is needed).
      const forgetPayload = person.kind === 'unknown' && !inbound.complaintUpdate;
      // News of a complaint is not the person's line; the replies it gets are the service's.
      const said = inbound.complaintUpdate ? [] : [personLine(inbound, topic, { forget: forgetPayload })];
      const answered = replies.map((reply) => serviceLine(reply.key, reply.message, now, topic));
      await this.acceptNotices(turn.notices);
      // A lock taken less than half its time ago is still ours (another instance takes it over only
      // once it has expired); an older one is checked before the state is written.
      const lockAge = this.options.clock().getTime() - lock.lockedAt.getTime();
      if (
        lockAge > LOCK_MILLISECONDS / 2 &&
        !(await holdsLease(models, chatLockKey(inbound.channel, inbound.chatId), lock.token))
      ) {
        throw new Error('lost the chat lock while handling a message');
      }
      // The step is decided (src/db retries its writes on a passing refusal rather than lose the answer).
      const state = {
        handoff: turn.handoff,
        lastInboundId: key,
        lastActivityAt: now,
        recent: keepLatest((conversation?.recent ?? []) as ChatLine[], [...said, ...answered]),
        ...(inbound.complaintUpdate ? {} : { lastWrittenAt: inbound.receivedAt }),
        ...(remembered === writer
          ? {}
          : { people: [...people.filter((known) => known !== remembered), writer] }),
      };
      const flows = {
        ...(turn.flow ? { flow: turn.flow } : {}),
        ...(turn.draft ? { draft: turn.draft } : {}),
        ...(turn.pendingRating ? { pendingRating: turn.pendingRating } : {}),
        ...(turn.firstMessage ? { firstMessage: turn.firstMessage } : {}),
      };
      if (conversation) {
        const cleared = {
          ...(turn.flow ? {} : { flow: 1 }),
          ...(turn.draft ? {} : { draft: 1 }),
          ...(turn.pendingRating ? {} : { pendingRating: 1 }),
          ...(turn.firstMessage ? {} : { firstMessage: 1 }),
        };
        await updateGrouped(
          models.conversations,
          { _id: conversationId },
          { $set: { ...state, ...flows }, $unset: cleared },
        );
      } else {
        // The chat's first message: only this holder of its lock can be creating it.
        const { channel, chatId } = inbound;
        await models.conversations
          .create({ _id: conversationId, channel, chatId, ...state, ...flows })
          .catch((error: unknown) => {
            // A retry after a create whose answer was lost: it is there already.
            if (!isDuplicateKey(error)) throw error;
          });
      }
      applied = true;
      await settleInbound(models, key, now, { forgetPayload, topic });
      return { replies, news: turn.notices.map((notice) => notice.chat) };
    } catch (error) {
      logger.error({ err: error, channel: inbound.channel, inboundId: key }, 'message could not be handled');
      // Its state names it: the next drain or the sweep only settles it. Its record must not say
      // failed, as it would for good were the queue's delete done and only its answer lost.
      if (applied) return 'failed';
      const now = this.options.clock();
      await inboundFailed(
        models,
        key,
        attempts + 1,
        (error as Error).message,
        new Date(now.getTime() + LOCK_MILLISECONDS),
      ).catch((failure: unknown) => logger.error({ err: failure, inboundId: key }, 'failure not recorded'));
      return 'failed';
    }
  }

  private async turn(
    person: Person,
    inbound: InboundMessage,
    start: Turn,
    now: Date,
    idle: boolean,
  ): Promise<Turn> {
    const language: Language =
      person.kind === 'participant' || person.kind === 'mentor' ? person.language : 'id';
    const context: ConversationContext = { now, timeZone: this.options.timeZone, language };
    const turn = await this.respond(person, inbound, start, context, idle);
    if (turn.firstMessage && turn.flow?.flowId !== 'consent') {
      const { question: _consentQuestion, ...answer } = inbound;
      const kept = { ...answer, text: turn.firstMessage.text, choice: turn.firstMessage.choice };
      turn.firstMessage = undefined;
      const chosen =
        turn.flow?.flowId === 'menu' && person.kind === 'participant'
          ? ((await this.reportShortcut(person.id, kept, turn, context)) ??
            this.menuChoice(kept, turn, context))
          : undefined;
      if (chosen) {
        // The menu just shown after the thanks is answered by what they wrote first (a report, say).
        turn.replies.pop();
        return this.follow(turn, chosen, person, kept, context);
      }
    }
    // A rating that waited for the flow in hand is asked as soon as nothing else is.
    const rating = this.options.flows.get('complaint-rating');
    if (!turn.pendingRating || turn.flow || turn.handoff || !rating) return turn;
    const complaint = turn.pendingRating;
    turn.pendingRating = undefined;
    return this.follow(turn, startFlow(rating, context, { complaint }), person, inbound, context);
  }

  private async respond(
    person: Person,
    inbound: InboundMessage,
    start: Turn,
    context: ConversationContext,
    idle: boolean,
  ): Promise<Turn> {
    const { language } = context;
    const turn: Turn = {
      ...start,
      replies: idle ? [{ text: inLanguage(SAY.idle as LocalizedText, language) }] : [],
    };
    const say = (key: keyof typeof SAY) =>
      turn.replies.push({ text: inLanguage(SAY[key] as LocalizedText, language) });

    if (inbound.complaintUpdate)
      return this.complaintNews(inbound.complaintUpdate, person, inbound, turn, context);
    if (person.kind === 'staff' || person.kind === 'mentor') {
      const quoting = await answerByQuoting(this.options.models, person, inbound, context.now);
      if (quoting) {
        turn.replies.push(...quoting);
        return turn;
      }
    }
    if (person.kind === 'staff') {
      const { models, complaints, logger } = this.options;
      turn.replies.push(
        ...(await answerStaff(
          { models, settings: complaints, logger },
          person.id,
          inbound,
          context.now,
          (notices) => turn.notices.push(...notices),
        )),
      );
      return turn;
    }
    if (inbound.group) {
      // In a staff group only registered staff are listened to.
      this.options.logger.info(
        { channel: inbound.channel, chatId: inbound.chatId },
        'message in a group from someone who is not staff: ignored',
      );
      return turn;
    }
    if (turn.handoff && (person.kind === 'participant' || person.kind === 'unknown')) {
      const held = await whileHandedOver(this.handoverChat(inbound, context));
      this.handedOver(turn, held);
      if (held.handled) return turn;
    }
    const statusQuery = statusQueryOf(inbound.text);
    if (statusQuery && person.kind !== 'mentor') {
      turn.replies.push(await answerStatusQuery(this.options.models, statusQuery, person, inbound, language));
      return turn;
    }

    if (person.kind === 'unknown') return this.residentTurn(person, inbound, turn, context);
    if (person.kind === 'mentor') return this.mentorTurn(person, inbound, turn, context);
    const command = await this.participantCommand(person, inbound.text);
    if (command === 'stop' || command === 'resume') {
      await this.runAction(
        command === 'stop' ? 'stop_reminders' : 'resume_reminders',
        {},
        person,
        inbound,
        context,
        turn,
      );
      say(command === 'stop' ? 'stopped' : 'resumedReminders');
      return turn;
    }
    if (command === 'help') {
      // Asked from within a complaint, the request is about the Puskesos's services.
      const flowId = turn.flow?.flowId;
      turn.draft = keptDraft(turn.flow, turn.draft);
      turn.flow = undefined;
      const asked = await askForPerson(this.handoverChat(inbound, context), {
        reason: 'asked',
        flowId,
        participantId: person.id,
      });
      this.handedOver(turn, asked);
      return turn;
    }
    if (command === 'cancel') {
      turn.flow = undefined;
      turn.draft = undefined;
      say('cancelled');
    }
    if (command === 'menu' || command === 'cancel') {
      turn.draft = keptDraft(turn.flow, turn.draft);
      turn.flow = undefined;
      turn.handoff = false;
      return this.follow(turn, this.begin('menu', turn, context), person, inbound, context);
    }

    if (!person.consented && turn.flow?.flowId !== 'consent') {
      // Often the first message already is what they came for (a report, a complaint): it is kept to
      // be handled once they agree, and forgotten if they do not.
      turn.firstMessage = { text: inbound.text, choice: inbound.choice };
      return this.follow(turn, this.begin('consent', turn, context), person, inbound, context);
    }
    const shortcut = await this.reportShortcut(person.id, inbound, turn, context);
    if (shortcut) return this.follow(turn, shortcut, person, inbound, context);
    if (!turn.flow) return this.follow(turn, this.openMenu(inbound, turn, context), person, inbound, context);
    const flow = this.flowOf(turn.flow);
    if (command === 'back')
      return this.follow(turn, goBack(flow, turn.flow, context), person, inbound, context);
    if (turn.flow.flowVersion !== flow.version) {
      // Only the current version of a flow is loaded: a conversation continues on it when its step
      // still exists, and otherwise starts that flow again rather than guess.
      if (!flow.steps.some((step) => step.id === turn.flow?.stepId)) {
        turn.flow = undefined;
        return this.follow(turn, this.begin(flow.id, turn, context), person, inbound, context);
      }
      turn.flow = { ...turn.flow, flowVersion: flow.version };
    }
    return this.follow(
      turn,
      answerStep(flow, turn.flow, inbound, this.options.interpret, context),
      person,
      inbound,
      context,
    );
  }

  /** A week's report typed in one message, or UBAH after one (src/conversations/report-shortcut.ts). */
  private async reportShortcut(
    participantId: string,
    inbound: InboundMessage,
    turn: Turn,
    context: ConversationContext,
  ): Promise<StepOutcome | undefined> {
    const open = turn.flow;
    const step = open && this.flowOf(open).steps.find((candidate) => candidate.id === open.stepId);
    const shortcut = await reportShortcutOf(this.options.models, participantId, inbound.text, {
      flow: open,
      answersQuestion:
        step?.input !== undefined && this.options.interpret(step, inbound, context).kind === 'ok',
      now: context.now,
      timeZone: context.timeZone,
    });
    if (!shortcut) return undefined;
    if (shortcut.kind === 'reply')
      return {
        state: open,
        events: [{ type: 'message_created', message: { text: inLanguage(shortcut.text, context.language) } }],
      };
    // The week is reported now: an unfinished report of it is not offered again.
    if (turn.draft?.answers.week === shortcut.given.week) turn.draft = undefined;
    return startFlow(this.flowOf({ flowId: shortcut.flowId }), context, shortcut.given, {
      skipAnswered: true,
    });
  }

  /** A global command of a participant; START turns reminders back on only for one who stopped them. */
  private async participantCommand(
    person: Extract<Person, { kind: 'participant' }>,
    text: string | undefined,
  ): Promise<GlobalCommand | undefined> {
    const command = globalCommand(text);
    if (command !== 'start') return command;
    const record = await this.options.models.participants
      .findById(person.id, { remindersStoppedAt: 1 })
      .lean();
    return record?.remindersStoppedAt ? 'resume' : 'menu';
  }

  /**
   * Outside any flow a message opens the menu; when it already is a menu choice (`1`, `laporan`),
   * it is taken as the answer, so that people who know the menu need not see it each time.
   */
  private openMenu(inbound: InboundMessage, turn: Turn, context: ConversationContext): StepOutcome {
    return this.menuChoice(inbound, turn, context) ?? this.begin('menu', turn, context);
  }

  /** The message taken as the answer to a fresh menu, when it is one of its choices. */
  private menuChoice(
    inbound: InboundMessage,
    turn: Turn,
    context: ConversationContext,
  ): StepOutcome | undefined {
    const menu = this.options.flows.get('menu');
    if (!menu || turn.draft?.flowId === 'menu') return undefined;
    const opened = startFlow(menu, context);
    const step = menu.steps.find((candidate) => candidate.id === opened.state?.stepId);
    if (!opened.state || !step) return undefined;
    // A tap goes to the menu's step even when it is not the menu's: that step says it was an earlier one's.
    if (inbound.choice === undefined && this.options.interpret(step, inbound, context).kind !== 'ok')
      return undefined;
    return answerStep(menu, opened.state, inbound, this.options.interpret, context);
  }

  /**
   * News of the person's complaint: said in their language; a staff reply then waits for their answer,
   * and an answered complaint asks for their rating, unless they are in the middle of another flow.
   */
  private async complaintNews(
    update: ComplaintUpdate,
    person: Person,
    inbound: InboundMessage,
    turn: Turn,
    context: ConversationContext,
  ): Promise<Turn> {
    context.language = person.kind === 'participant' ? person.language : update.language;
    turn.replies.push({ text: complainantUpdateText(update, context.language) });
    const next =
      update.status === 'answered' ? 'complaint-rating' : update.text ? 'complaint-reply' : undefined;
    const flow = next && this.options.flows.get(next);
    // Waiting for an answer to the staff, or at the menu, is no flow to keep: newer news replaces it.
    // A rating asked in the middle of a report waits for the report to end.
    if (!flow) return turn;
    if (turn.flow && !NEWS_REPLACES.has(turn.flow.flowId)) {
      if (next === 'complaint-rating') turn.pendingRating = update.number;
      return turn;
    }
    return this.follow(
      turn,
      startFlow(flow, context, { complaint: update.number }),
      person,
      inbound,
      context,
    );
  }

  /**
   * Someone we do not know: they may complain to the Puskesos (and answer about it); otherwise they
   * are told how to be registered, or on Telegram asked to share their number so we can tell.
   */
  private async residentTurn(
    person: Person,
    inbound: InboundMessage,
    turn: Turn,
    context: ConversationContext,
  ): Promise<Turn> {
    if (turn.flow && RESIDENT_FLOWS.has(turn.flow.flowId)) {
      return this.continueFlow(turn.flow, turn, person, inbound, context);
    }
    if (RESIDENT_COMPLAINT_WORDS.test(inbound.text ?? '')) {
      return this.follow(turn, this.begin('resident-complaint', turn, context), person, inbound, context);
    }
    // Telegram does not tell us the number: the person shares it with a button, and the channel
    // links their account when the number belongs to a participant.
    // Someone else's contact (picked from the phone's list) says nothing of who is writing.
    const telegram = inbound.channel === 'telegram';
    const asked = !telegram
      ? undefined
      : !inbound.contact
        ? SAY.shareContact
        : inbound.contact.own === false
          ? SAY.shareOwnContact
          : undefined;
    turn.replies.push({
      text: inLanguage((asked ?? SAY.unregistered) as LocalizedText, context.language),
      ...(asked ? { requestContact: true } : {}),
    });
    return turn;
  }

  /** A mentor: their flows (SESI, HADIR), else their digest and the commands they have. */
  private async mentorTurn(
    person: Extract<Person, { kind: 'mentor' }>,
    inbound: InboundMessage,
    turn: Turn,
    context: ConversationContext,
  ): Promise<Turn> {
    // A tap under the digest works whatever the mentor was doing; typed as words where there are
    // no buttons, only outside a flow (a session's topic may well begin with "Kunjungi").
    let action = digestActionOf(inbound.choice);
    const typed = turn.flow ? undefined : typedDigestActionOf(inbound.text);
    if (!action && typed) {
      const named = await ownParticipantNamed(this.options.models, person.id, typed.name);
      if (!('found' in named)) {
        const answer =
          'several' in named ? NAMED_PARTICIPANT.several(named.several) : NAMED_PARTICIPANT.none(typed.name);
        turn.replies.push({ text: inLanguage(answer, context.language) });
        return turn;
      }
      action = { kind: typed.kind, participantId: named.found };
    }
    if (action?.kind === 'nudge') {
      const { models, quietHours, complaints } = this.options;
      const { outcome, name } = await nudgeFromMentor(
        models,
        person.id,
        action.participantId,
        {
          now: context.now,
          dueAt: quietHours ? nextAllowedTime(context.now, context.timeZone, quietHours) : context.now,
          timeZone: context.timeZone,
        },
        complaints.fallback,
      );
      const participant = name ?? inLanguage({ id: 'peserta', en: 'the participant' }, context.language);
      turn.replies.push({ text: inLanguage(NUDGE_REPLIES[outcome](participant), context.language) });
      return turn;
    }
    if (action?.kind === 'visit') {
      const flow = this.options.flows.get('mentor-session');
      if (flow) {
        turn.flow = undefined;
        const given = { visit: true, visit_participant: action.participantId };
        return this.follow(turn, startFlow(flow, context, given), person, inbound, context);
      }
    }
    if (turn.flow && MENTOR_FLOWS.has(turn.flow.flowId)) {
      return this.continueFlow(turn.flow, turn, person, inbound, context);
    }
    const mentorFlow = mentorFlowAsked(inbound.text);
    if (mentorFlow) return this.follow(turn, this.begin(mentorFlow, turn, context), person, inbound, context);
    turn.replies.push(
      ...(await answerMentor(
        this.options.models,
        person.id,
        inbound.text,
        context.now,
        context.timeZone,
        context.language,
      )),
    );
    return turn;
  }

  /**
   * Goes on with the flow of someone who has no menu (a mentor planning a session, a resident
   * complaining): BATAL or MENU leave it, KEMBALI goes back a step, anything else answers it.
   */
  private async continueFlow(
    state: FlowState,
    turn: Turn,
    person: Person,
    inbound: InboundMessage,
    context: ConversationContext,
  ): Promise<Turn> {
    const command = globalCommand(inbound.text);
    if (command === 'cancel' || command === 'menu' || command === 'start') {
      turn.flow = undefined;
      turn.replies.push({ text: inLanguage(SAY.cancelled as LocalizedText, context.language) });
      return turn;
    }
    const flow = this.flowOf(state);
    const outcome =
      command === 'back'
        ? goBack(flow, state, context)
        : answerStep(flow, state, inbound, this.options.interpret, context);
    return this.follow(turn, outcome, person, inbound, context);
  }

  /** Starts a flow, resuming its draft when one of the same version was left unfinished. */
  private begin(flowId: string, turn: Turn, context: ConversationContext): StepOutcome {
    const flow = this.options.flows.get(flowId);
    if (!flow) throw new Error(`no flow ${flowId}`);
    const draft = turn.draft;
    if (draft && draft.flowId === flowId && draft.flowVersion === flow.version && worthKeeping(draft)) {
      turn.draft = undefined;
      const step = flow.steps.find((candidate) => candidate.id === draft.stepId);
      if (step) {
        // The question is asked again with the answers given so far, so a summary shows them.
        const resumed = startFlow({ ...flow, start: draft.stepId }, context, draft.answers);
        return {
          state: resumed.state && { ...resumed.state, trail: draft.trail, returnTo: draft.returnTo },
          events: [
            {
              type: 'message_created',
              message: { text: inLanguage(SAY.resumed as LocalizedText, context.language) },
            },
            ...resumed.events,
          ],
        };
      }
    }
    return startFlow(flow, context);
  }

  /** Applies a step's events: messages become replies, actions run, a requested flow starts. */
  private async follow(
    turn: Turn,
    outcome: StepOutcome,
    person: Person,
    inbound: InboundMessage,
    context: ConversationContext,
  ): Promise<Turn> {
    turn.flow = outcome.state;
    for (const event of outcome.events) await this.apply(event, turn, person, inbound, context);
    return turn;
  }

  private async apply(
    event: EngineEvent,
    turn: Turn,
    person: Person,
    inbound: InboundMessage,
    context: ConversationContext,
  ): Promise<void> {
    switch (event.type) {
      case 'message_created':
        turn.replies.push(event.message);
        return;
      case 'action_requested': {
        const result = await this.runAction(event.action, event.answers, person, inbound, context, turn);
        turn.replies.push(...result.messages);
        if (event.action === 'set_language' && typeof event.answers.language === 'string') {
          context.language = event.answers.language as Language;
        }
        // The flow waited at the action step; it goes on with what the action found.
        const paused = turn.flow;
        if (paused)
          await this.follow(
            turn,
            continueAfterAction(this.flowOf(paused), paused, result.outputs, context),
            person,
            inbound,
            context,
          );
        return;
      }
      case 'handoff_requested':
        if (person.kind === 'participant' || person.kind === 'unknown') {
          const asked = await askForPerson(this.handoverChat(inbound, context), {
            reason: event.reason,
            flowId: event.flowId,
            participantId: person.kind === 'participant' ? person.id : undefined,
            residentDesa: typeof event.answers.desa === 'string' ? event.answers.desa : undefined,
          });
          this.handedOver(turn, asked);
        }
        return;
      case 'flow_requested':
        await this.follow(turn, this.begin(event.next, turn, context), person, inbound, context);
        return;
      case 'flow_ended':
        return;
    }
  }

  private async runAction(
    action: keyof typeof ACTION_HANDLERS,
    answers: Record<string, AnswerValue>,
    person: Person,
    inbound: InboundMessage,
    context: ConversationContext,
    turn: Turn,
  ): Promise<ActionResult> {
    const allowed =
      person.kind === 'participant' ||
      (person.kind === 'unknown' && RESIDENT_ACTIONS.has(action)) ||
      (person.kind === 'mentor' && MENTOR_ACTIONS.has(action));
    if (!allowed) return { messages: [], outputs: {} };
    const actionContext: ActionContext = {
      models: this.options.models,
      participantId: person.kind === 'participant' ? person.id : '',
      inbound,
      language: context.language,
      timeZone: context.timeZone,
      now: context.now,
      complaints: this.options.complaints,
      mentorId: person.kind === 'mentor' ? person.id : '',
      allowedFrom: (due) =>
        this.options.quietHours ? nextAllowedTime(due, context.timeZone, this.options.quietHours) : due,
      notify: (notices) => turn.notices.push(...notices),
    };
    return ACTION_HANDLERS[action](answers, actionContext);
  }

  private handoverChat(inbound: InboundMessage, context: ConversationContext): HandoverChat {
    const { models, complaints } = this.options;
    return { models, settings: complaints, inbound, language: context.language, now: context.now };
  }

  /** Whether the chat now waits for a person, and what the person who asked is told. */
  private handedOver(turn: Turn, step: HandoverStep): void {
    turn.handoff = step.handoff;
    turn.replies.push(...step.replies);
  }

  private flowOf(state: Pick<FlowState, 'flowId'>) {
    const flow = this.options.flows.get(state.flowId);
    if (!flow) throw new Error(`no flow ${state.flowId}`);
    return flow;
  }

  /** Replies go to the outbox under keys made of the message's key, so handling it again queues nothing twice. */
  private async queueReplies(
    inboundKey: string,
    inbound: InboundMessage,
    replies: OutboundMessage[],
    now: Date,
    topic: MessageTopic | undefined,
  ): Promise<QueuedReply[]> {
    const { models } = this.options;
    const queued: QueuedReply[] = [];
    for (const [index, message] of replies.entries()) {
      const key = `reply:${inboundKey}:${index}`;
      queued.push({ key, message });
      await queueOnce(models, {
        dedupeKey: key,
        channel: inbound.channel,
        chatId: inbound.chatId,
        message: { ...message },
        dueAt: now,
        ...(topic ? { topic } : {}),
      });
    }
    return queued;
  }
}

/**
 * A flow left for the menu is kept to be offered again, unless there is nothing in it to resume: the
 * menu itself, or a flow not yet answered, which would otherwise replace a draft that has answers.
 */
function keptDraft(left: FlowState | undefined, draft: FlowState | undefined): FlowState | undefined {
  return left && worthKeeping(left) ? left : draft;
}

function worthKeeping(state: FlowState): boolean {
  return state.flowId !== 'menu' && Object.keys(state.answers).length > 0;
}

/** A stored flow state as the engine expects it, whatever optional fields older documents lack. */
function asFlowState(
  stored:
    | (Omit<Partial<FlowState>, 'trail' | 'returnTo'> & { trail?: string[] | null; returnTo?: string | null })
    | null
    | undefined,
): FlowState | undefined {
  if (!stored?.flowId || !stored.stepId || stored.flowVersion === undefined) return undefined;
  return {
    flowId: stored.flowId,
    flowVersion: stored.flowVersion,
    stepId: stored.stepId,
    answers: stored.answers ?? {},
    attempts: stored.attempts ?? 0,
    trail: stored.trail ?? [],
    ...(stored.returnTo ? { returnTo: stored.returnTo } : {}),
  };
}
