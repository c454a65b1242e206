export const COMPLAINT_STATUSES = [
  /** Its desa has no Puskesos: it waits for the Dinsos admin to pass it to one. */
  'unrouted',
  'new',
  'acknowledged',
  'in_progress',
  'referred',
  'answered',
  'closed',
  'reopened',
] as const;

export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Who acts on a complaint: a registered staff member of its Puskesos, or the person who complained. */
export type ComplaintActor = { kind: 'staff'; id: string; name: string } | { kind: 'complainant' };

/** What can happen to a complaint, from chat commands, the HTTP API or the complainant's answers. */
export type ComplaintAction =
  | { kind: 'take' }
  | { kind: 'refer'; service: string }
  | { kind: 'answer'; text?: string | undefined }
  | { kind: 'close'; note?: string | undefined }
  | { kind: 'reopen'; note?: string | undefined }
  | { kind: 'note'; text: string }
  | { kind: 'reply'; text: string }
  | { kind: 'message'; text: string }
  | { kind: 'rate'; score: number; solved: boolean; comment?: string | undefined }
  /** The Dinsos admin passes an unrouted complaint to a Puskesos. */
  | { kind: 'route'; puskesos: { id: string; name: string } };

/** The part of a stored complaint a decision depends on. */
export interface ComplaintSnapshot {
  status: ComplaintStatus;
  assignee?: { id: string; name: string } | undefined;
}

export type ComplaintEventKind = 'status' | 'reply' | 'message' | 'note' | 'rating';

/** One line of a complaint's history: a status change, a reply, a message, an internal note, a rating. */
export interface ComplaintEvent {
  kind: ComplaintEventKind;
  at: Date;
  /** The staff member who acted; absent for the complainant and the system. */
  by?: string | undefined;
  byName?: string | undefined;
  from?: ComplaintStatus | undefined;
  to?: ComplaintStatus | undefined;
  text?: string | undefined;
}

export type Refusal =
  /** Someone else took it first: they are named, so that the two can talk. */
  { ok: false; reason: 'taken'; by: string } | { ok: false; reason: RefusalReason };

type RefusalReason =
  | 'already_yours'
  | 'closed'
  | 'not_answered'
  | 'not_allowed'
  /** Closing before anyone answered would tell the complainant it is settled: answer it first. */
  | 'answer_first'
  /** Waiting for a Puskesos: nobody can work on it before the admin passes it to one. */
  | 'not_routed';

export interface Decision {
  ok: true;
  status: ComplaintStatus;
  assignee?: { id: string; name: string } | undefined;
  referredTo?: string | undefined;
  events: ComplaintEvent[];
  /** Whether the answer deadline starts again (a reopened complaint gets a fresh one). */
  restartsAnswerDeadline: boolean;
  rating?: { score: number; solved: boolean; comment?: string | undefined } | undefined;
  /** The Puskesos an unrouted complaint now goes to: its deadlines start now. */
  routedTo?: { id: string; name: string } | undefined;
}

/** Statuses in which a complaint still waits for the Puskesos. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = [
  'new',
  'acknowledged',
  'in_progress',
  'referred',
  'reopened',
];

export const isOpen = (status: ComplaintStatus) => OPEN_STATUSES.includes(status);

/**
 * Decides what an action does to a complaint, or why it is refused. Pure: the caller reads the
 * complaint and writes the decision while holding the complaint's lock, so two staff acting at once
 * are decided one after the other.
 */
export function decideComplaintAction(
  complaint: ComplaintSnapshot,
  action: ComplaintAction,
  actor: ComplaintActor,
  at: Date,
): Decision | Refusal {
  const { status } = complaint;
  const staff = actor.kind === 'staff' ? actor : undefined;
  const by = staff ? { by: staff.id, byName: staff.name } : {};
  const move = (to: ComplaintStatus, text?: string): ComplaintEvent => ({
    kind: 'status',
    at,
    ...by,
    from: status,
    to,
    ...(text ? { text } : {}),
  });
  const decided = (
    to: ComplaintStatus,
    events: ComplaintEvent[],
    extra: Partial<Omit<Decision, 'ok' | 'status' | 'events'>> = {},
  ): Decision => ({
    ok: true,
    status: to,
    assignee: complaint.assignee,
    events,
    restartsAnswerDeadline: false,
    ...extra,
  });
  const refuse = (reason: RefusalReason): Refusal => ({
    ok: false,
    reason,
  });

  if (action.kind === 'message' || action.kind === 'rate') {
    if (staff) return refuse('not_allowed');
    if (action.kind === 'message') {
      if (status === 'closed') return refuse('closed');
      return decided(status, [{ kind: 'message', at, text: action.text }]);
    }
    if (status !== 'answered') return refuse('not_answered');
    const rating = { score: action.score, solved: action.solved, comment: action.comment };
    const ratingEvent: ComplaintEvent = {
      kind: 'rating',
      at,
      text: `${action.score}/5${action.comment ? `: ${action.comment}` : ''}`,
    };
    return action.solved
      ? decided('closed', [ratingEvent, move('closed')], { rating })
      : decided('reopened', [ratingEvent, move('reopened', action.comment)], {
          rating,
          restartsAnswerDeadline: true,
        });
  }

  if (!staff) return refuse('not_allowed');
  if (action.kind === 'note') return decided(status, [{ kind: 'note', at, ...by, text: action.text }]);
  if (status === 'unrouted') {
    if (action.kind !== 'route') return refuse('not_routed');
    return decided('new', [move('new', action.puskesos.name)], { routedTo: action.puskesos });
  }
  if (action.kind === 'route') return refuse('not_allowed');
  if (status === 'closed' && action.kind !== 'reopen') return refuse('closed');
  // Any first word from the Puskesos acknowledges a new complaint.
  const acknowledging = status === 'new' ? [move('acknowledged')] : [];
  const from = status === 'new' ? 'acknowledged' : status;
  const moveFrom = (to: ComplaintStatus, text?: string): ComplaintEvent => ({ ...move(to, text), from });
  const mine = { id: staff.id, name: staff.name };

  switch (action.kind) {
    case 'reply':
      return decided(from, [...acknowledging, { kind: 'reply', at, ...by, text: action.text }]);
    case 'take': {
      const holder = complaint.assignee;
      if (holder && holder.id !== staff.id && status !== 'reopened') {
        return { ok: false, reason: 'taken', by: holder.name };
      }
      if (holder?.id === staff.id && status === 'in_progress') return refuse('already_yours');
      if (!isOpen(status)) return refuse('not_allowed');
      return decided('in_progress', [...acknowledging, moveFrom('in_progress')], { assignee: mine });
    }
    case 'refer':
      if (!isOpen(status)) return refuse('not_allowed');
      return decided('referred', [...acknowledging, moveFrom('referred', action.service)], {
        assignee: complaint.assignee ?? mine,
        referredTo: action.service,
      });
    case 'answer':
      if (!isOpen(status)) return refuse('not_allowed');
      return decided(
        'answered',
        [
          ...acknowledging,
          ...(action.text ? [{ kind: 'reply' as const, at, ...by, text: action.text }] : []),
          moveFrom('answered'),
        ],
        { assignee: complaint.assignee ?? mine },
      );
    case 'close':
      if (status !== 'answered') return refuse('answer_first');
      return decided('closed', [move('closed', action.note)]);
    case 'reopen':
      if (status !== 'answered' && status !== 'closed') return refuse('not_allowed');
      return decided('reopened', [move('reopened', action.note)], { restartsAnswerDeadline: true });
  }
}

/** What staff can do to a complaint from a page or the API; `route` only where the admin may. */
export const STAFF_ACTIONS = [
  'reply',
  'take',
  'refer',
  'answer',
  'close',
  'reopen',
  'note',
  'route',
] as const;

export type StaffActionKind = (typeof STAFF_ACTIONS)[number];

/** A stand-in of each action, for asking the lifecycle whether it would be allowed. */
const SAMPLE_ACTIONS: Record<StaffActionKind, ComplaintAction> = {
  reply: { kind: 'reply', text: '-' },
  take: { kind: 'take' },
  refer: { kind: 'refer', service: '-' },
  answer: { kind: 'answer' },
  close: { kind: 'close' },
  reopen: { kind: 'reopen' },
  note: { kind: 'note', text: '-' },
  route: { kind: 'route', puskesos: { id: '-', name: '-' } },
};

/**
 * The actions a staff member is offered on a complaint in its status: exactly those the lifecycle
 * would carry out, so a page never shows a button the server then refuses.
 */
export function offeredActions(
  complaint: ComplaintSnapshot,
  actor: Extract<ComplaintActor, { kind: 'staff' }>,
): StaffActionKind[] {
  return STAFF_ACTIONS.filter(
    (kind) => decideComplaintAction(complaint, SAMPLE_ACTIONS[kind], actor, new Date(0)).ok,
  );
}
