import { mongo, type Model, type Types } from 'mongoose';
import { chatLockKey } from '../../conversations/chat-lock';
import { replaceInAuditDay } from '../../db/audit-days';
import type { Models } from '../../db/models';
import { indexComplaint } from '../complaints/complaint-index';
import { claimQueued } from '../../db/outbox';
import { deleteByIds } from './delete-by-ids';
import { recordInRoster } from '../participants/roster';
import type { Holdings } from './holdings';
import type { DataSubject } from './subject';

/** What replaces a free text the person asked to be forgotten. */
export const ERASED_TEXT = '[dihapus atas permintaan]';

/** How many records of each kind an erasure changes (or would): all zero once it has been done. */
export interface ErasureCounts {
  record: number;
  conversations: number;
  inboundMessages: number;
  outbox: number;
  weeklyReports: number;
  complaints: number;
  handovers: number;
  auditEvents: number;
}

/** What each count means, in Indonesian and English, for the command and the dashboard alike. */
export const ERASURE_LABELS: Record<keyof ErasureCounts, { id: string; en: string }> = {
  record: { id: 'Data diri dijadikan samaran', en: 'Record made pseudonymous' },
  conversations: { id: 'Percakapan dihapus', en: 'Conversations deleted' },
  inboundMessages: { id: 'Pesan masuk dihapus', en: 'Inbound messages deleted' },
  outbox: { id: 'Pesan keluar dihapus', en: 'Outbox messages deleted' },
  weeklyReports: { id: 'Laporan tanpa alasan koreksi', en: 'Reports stripped of typed reasons' },
  complaints: { id: 'Pengaduan tanpa teks dan nomor', en: 'Complaints stripped of text and number' },
  handovers: { id: 'Permintaan bantuan tanpa teks', en: 'Requests for a person stripped of text' },
  auditEvents: { id: 'Catatan audit tanpa isi perubahan', en: 'Audit entries stripped of changed values' },
};

/** A mentor's or a staff member's record is the programme's; only participants and residents ask here. */
export const isErasable = (subject: DataSubject) =>
  subject.kind === 'participant' || subject.kind === 'resident';

/** `Peserta dihapus 1a2b3c`: the name an erased participant keeps, for the figures and their mentor. */
export const pseudonymOf = (id: unknown) => `Peserta dihapus ${String(id).slice(-6)}`;

/**
 * The number an erased participant's record keeps in place of theirs: the record needs one (it is
 * required and unique), and `0800` is no mobile prefix, so it can never be typed, imported or write
 * to us. Derived from the record's id, so that each erased record has its own.
 */
export function placeholderPhoneOf(id: unknown): string {
  const digits = (BigInt(`0x${String(id)}`) % 10_000_000_000n).toString().padStart(10, '0');
  return `+6280${digits}`;
}

type Lean = Record<string, unknown> & { _id: unknown };
type Event = { text?: string | null } & Record<string, unknown>;
type Figures = { reason?: string | null; inboundKey?: string | null } & Record<string, unknown>;

const recordNeedsErasure = (record: Lean): boolean => {
  const consent = record.consent as { withdrawnAt?: Date } | undefined;
  const channels = (record.channels ?? {}) as Record<string, unknown>;
  const business = (record.business ?? {}) as Record<string, unknown>;
  return (
    record.name !== pseudonymOf(record._id) ||
    record.phone !== placeholderPhoneOf(record._id) ||
    record.nik !== undefined ||
    Object.values(channels).some(Boolean) ||
    Boolean(business.name || business.description) ||
    Boolean((record.statusChange as { reason?: string } | undefined)?.reason) ||
    (consent !== undefined && !consent.withdrawnAt) ||
    !record.remindersStoppedAt ||
    !record.erasedAt
  );
};

const eventsErased = (events: Event[]) =>
  events.map((event) => (event.text ? { ...event, text: ERASED_TEXT } : event));

const complaintNeedsErasure = (complaint: Lean): boolean =>
  complaint.text !== ERASED_TEXT ||
  ['complainantPhone', 'complainantChat', 'openedBy'].some((field) => complaint[field] !== undefined) ||
  ((complaint.photos as unknown[] | undefined) ?? []).length > 0 ||
  ((complaint.events as Event[] | undefined) ?? []).some(
    (event) => event.text && event.text !== ERASED_TEXT,
  ) ||
  Boolean((complaint.rating as { comment?: string } | undefined)?.comment);

const figuresNeedErasure = (figures: Figures) => Boolean(figures.reason || figures.inboundKey);
const reportNeedsErasure = (report: Lean): boolean =>
  figuresNeedErasure(report as Figures) ||
  ((report.revisions as Figures[] | undefined) ?? []).some(figuresNeedErasure);

/** A request's chat is kept as its app alone: the thread stays countable, not traceable. */
const ERASED_CHAT = 'dihapus';

const handoverNeedsErasure = (handover: Lean): boolean => {
  const requester = handover.requester as { kind: string; participant?: unknown; name?: string };
  const messages = (handover.messages as Event[] | undefined) ?? [];
  return (
    handover.asked !== ERASED_TEXT ||
    messages.some((message) => message.text !== ERASED_TEXT) ||
    (handover.chat as { chatId: string }).chatId !== ERASED_CHAT ||
    handover.status !== 'closed' ||
    (requester.name !== undefined &&
      requester.name !== (requester.participant ? pseudonymOf(requester.participant) : undefined))
  );
};

type Changes = Record<string, { from: unknown; to: unknown }>;
const auditChanges = (event: Lean) => (event.details as { changes?: Changes } | undefined)?.changes;
const auditNeedsErasure = (event: Lean): boolean =>
  Object.values(auditChanges(event) ?? {}).some(
    ({ from, to }) => (from !== null && from !== ERASED_TEXT) || (to !== null && to !== ERASED_TEXT),
  );

/** What erasing would change, from what is held (nothing is read or written). */
export function erasurePlan(holdings: Holdings): ErasureCounts {
  const { subject } = holdings;
  return {
    record: subject.kind === 'participant' && recordNeedsErasure(subject.record as unknown as Lean) ? 1 : 0,
    // A chat's log of what was sent on its own is part of its conversation.
    conversations: holdings.conversations.length + holdings.chatLogs.length,
    inboundMessages: holdings.inboundMessages.length,
    outbox: holdings.outbox.length,
    weeklyReports: holdings.weeklyReports.filter(reportNeedsErasure).length,
    complaints: holdings.complaints.filter(complaintNeedsErasure).length,
    handovers: holdings.handovers.filter(handoverNeedsErasure).length,
    auditEvents: holdings.auditEvents.filter(auditNeedsErasure).length,
  };
}

export const changesNothing = (counts: ErasureCounts) => Object.values(counts).every((count) => count === 0);

/**
 * Erases a participant's or a resident's personal data, keeping what the programme's figures count:
 * their record becomes pseudonymous (consent withdrawn, reminders stopped, no phone, NIK or chat);
 * their conversations and the messages to and from their chats are deleted; their reports keep their
 * figures without the reasons typed for corrections; their complaints and requests for a person keep
 * their desa, category and status with every text replaced by `[dihapus atas permintaan]`. Each write
 * is by `_id` and sets what the plan says is still to change, so erasing again changes nothing more.
 */
export async function eraseHoldings(models: Models, holdings: Holdings, now: Date): Promise<ErasureCounts> {
  const { subject } = holdings;
  if (!isErasable(subject)) throw new Error(`a ${subject.kind}'s record is not erased here`);
  const plan = erasurePlan(holdings);
  const participant = subject.kind === 'participant' ? subject.record : undefined;

  if (participant && plan.record > 0) {
    const id = participant._id;
    await models.participants.updateOne(
      { _id: id },
      {
        $set: {
          name: pseudonymOf(id),
          phone: placeholderPhoneOf(id),
          channels: {},
          remindersStoppedAt: participant.remindersStoppedAt ?? now,
          erasedAt: participant.erasedAt ?? now,
          ...(participant.consent && !participant.consent.withdrawnAt ? { 'consent.withdrawnAt': now } : {}),
        },
        // The reason for a graduation or drop-out is free text about their life (illness, a move).
        $unset: { nik: 1, 'business.name': 1, 'business.description': 1, 'statusChange.reason': 1 },
      },
    );
    // The lists show the pseudonym and no number from now on.
    await recordInRoster(models, [{ id, before: participant }]);
  }

  // What is still to be handled or sent for their chats goes first, so that nothing picks it up again.
  await deleteByIds(models.inboundQueue as unknown as Model<never>, holdings.inboundQueue);
  for (const key of holdings.outboxQueue) await claimQueued(models, key);
  await deleteByIds(
    models.inboundMessages as unknown as Model<never>,
    holdings.inboundMessages.map((message) => message._id),
  );
  await deleteByIds(
    models.outboxPlatformIds as unknown as Model<never>,
    holdings.outbox.flatMap((entry) =>
      entry.platformMessageId ? [`${String(entry.channel)}:${String(entry.platformMessageId)}`] : [],
    ),
  );
  // A failure is listed under its entry's key.
  await deleteByIds(
    models.outboxFailures as unknown as Model<never>,
    holdings.outbox.map((entry) => entry._id),
  );
  await deleteByIds(
    models.outbox as unknown as Model<never>,
    holdings.outbox.map((entry) => entry._id),
  );
  await deleteByIds(
    models.conversations as unknown as Model<never>,
    holdings.conversations.map((conversation) => conversation._id),
  );
  await deleteByIds(models.chatLogs as unknown as Model<never>, holdings.chatLogs);
  await deleteByIds(
    models.openHandovers as unknown as Model<never>,
    holdings.openHandovers.map((entry) => entry._id),
  );
  await deleteByIds(
    models.identities as unknown as Model<never>,
    holdings.identities.map((identity) => identity._id),
  );
  // A chat's lease is named by the chat; one left behind by a stopped process goes too (a live one
  // is its holder's to release).
  for (const chat of holdings.chats)
    await models.leases.deleteOne({ _id: chatLockKey(chat.channel, chat.chatId), until: { $lt: now } });

  for (const report of holdings.weeklyReports.filter(reportNeedsErasure)) {
    const revisions = ((report.revisions as Figures[] | undefined) ?? []).map(
      ({ reason: _reason, inboundKey: _inboundKey, ...figures }) => figures,
    );
    await models.weeklyReports.updateOne(
      { _id: report._id as string },
      { $set: { revisions }, $unset: { reason: 1, inboundKey: 1 } },
    );
  }

  const photos = new mongo.GridFSBucket(models.complaints.db.db as mongo.Db, { bucketName: 'media' });
  for (const complaint of holdings.complaints.filter(complaintNeedsErasure)) {
    for (const photo of (complaint.photos as string[] | undefined) ?? []) {
      if (!mongo.ObjectId.isValid(photo)) continue;
      await photos.delete(new mongo.ObjectId(photo)).catch(() => undefined);
    }
    await models.complaints.updateOne(
      { _id: complaint._id as Types.ObjectId },
      {
        $set: {
          text: ERASED_TEXT,
          photos: [],
          events: eventsErased((complaint.events as Event[] | undefined) ?? []),
        },
        $unset: { complainantPhone: 1, complainantChat: 1, openedBy: 1, 'rating.comment': 1 },
      },
    );
  }

  // The complaints' list entries name the participant as their record now does (the pseudonym).
  for (const complaint of holdings.complaints) {
    await indexComplaint(models, complaint._id as Types.ObjectId, now);
  }

  for (const handover of holdings.handovers.filter(handoverNeedsErasure)) {
    const requester = handover.requester as { participant?: unknown };
    const chat = handover.chat as { channel: string };
    await models.handovers.updateOne(
      { _id: handover._id as string },
      {
        $set: {
          asked: ERASED_TEXT,
          chat: { channel: chat.channel, chatId: ERASED_CHAT },
          messages: ((handover.messages as Event[] | undefined) ?? []).map((message) => ({
            ...message,
            text: ERASED_TEXT,
          })),
          ...(requester.participant ? { 'requester.name': pseudonymOf(requester.participant) } : {}),
          ...(handover.status !== 'closed' ? { status: 'closed', closedAt: now, closedBy: 'privacy' } : {}),
        },
        ...(requester.participant ? {} : { $unset: { 'requester.name': 1 } }),
      },
    );
  }

  // The audit trail stays (who did what, when); what a change of the record said does not.
  for (const event of holdings.auditEvents.filter(auditNeedsErasure)) {
    const changes = Object.fromEntries(
      Object.entries(auditChanges(event) ?? {}).map(([field, { from, to }]) => [
        field,
        { from: from === null ? null : ERASED_TEXT, to: to === null ? null : ERASED_TEXT },
      ]),
    );
    await models.auditEvents.updateOne(
      { _id: event._id as Types.ObjectId },
      { $set: { 'details.changes': changes } },
    );
    // The audit page's copy in the entry's day says no more.
    await replaceInAuditDay(models, event._id as Types.ObjectId, event.at as Date, {
      ...(event.details as Record<string, unknown>),
      changes,
    });
  }
  return plan;
}
