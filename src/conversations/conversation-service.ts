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
import type { Interpreter } from '../engine/conversation/step';
import type { FlowState } from '../engine/conversation/state';
import type { Channel, ConversationContext, InboundMessage, OutboundMessage } from '../engine/messages';
import { say } from '../i18n';
import type { Logger } from '../log';
import {
  acquireChatLockWithin,
  CHAT_LOCK_PATIENCE_MS,
  chatLockKey,
  LOCK_MILLISECONDS,
  releaseChatLock,
  renewChatLock,
} from './chat-lock';
import { holdsLease } from '../db/leases';
import { queueOnce, turnReplyKey } from '../db/outbox';
import { identifyPerson, rememberChat, type Person, type RememberedWriter } from './identify';
import type { QuietHours } from '../scheduler/quiet-hours';
import { personLine, serviceLine } from '../domain/transcripts/lines';
import { recentLinesChange } from '../domain/transcripts/store';
import { topicOfTurn, type MessageTopic } from './complaint-topic';
import type { ComplainantNotice, ComplaintDeskSettings } from '../domain/complaints';
import { keptDraft, runChain, TURN_CHAIN, type Turn, type TurnDesk } from './turn';

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

/** A reply a message got, queued in the outbox under `key`. */
export interface QueuedReply {
  key: string;
  message: OutboundMessage;
}

/**
 * Carries every inbound message through the engine: stored first under a unique index (a message
 * delivered twice has one effect), then handled in order per chat under a lock in MongoDB, the new
 * state and the replies written before anything is sent. Channels deliver the replies from the outbox.
 */
export class ConversationService {
  private readonly desk: TurnDesk;

  constructor(private readonly options: ConversationServiceOptions) {
    const { models, flows, interpret, logger, complaints, quietHours } = options;
    this.desk = { models, flows, interpret, logger, complaints, quietHours };
  }

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
    // Without its recent lines: written by a push, they are read only to be trimmed.
    const conversation = await models.conversations.findById(conversationId, { recent: 0 }).lean();
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
        ...(inbound.complaintUpdate ? {} : { lastWrittenAt: inbound.receivedAt }),
        ...(remembered === writer
          ? {}
          : { people: [...people.filter((known) => known !== remembered), writer] }),
      };
      const lines = await recentLinesChange(models, conversation, [...said, ...answered]);
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
          {
            $set: { ...state, ...flows, ...lines.set },
            $unset: cleared,
            ...(lines.push ? { $push: lines.push } : {}),
          },
        );
      } else {
        // The chat's first message: only this holder of its lock can be creating it.
        const { channel, chatId } = inbound;
        await models.conversations
          .create({ _id: conversationId, channel, chatId, ...state, ...flows, ...lines.set })
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

  /** Passes the message down the turn's chain of handlers (src/conversations/turn/). */
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
    const turn: Turn = {
      ...start,
      replies: idle ? [{ text: say('chat.idle', language) }] : [],
    };
    await runChain(TURN_CHAIN, { desk: this.desk, person, inbound, context, turn });
    return turn;
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
      const key = turnReplyKey(inboundKey, index);
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
