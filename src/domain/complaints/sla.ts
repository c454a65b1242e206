import { complaintCategoryName } from './categories';
import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { queueOnce, type QueueMessage } from '../../db/outbox';
import { formatDateTime, say, type TextKey } from '../../i18n';
import { chatTargetOf, type ChatTarget } from '../reminders/reach';
import type { ComplaintDeskSettings } from './complaint-desk';
import { OPEN_STATUSES } from './lifecycle';
import { statusWord } from './messages';
import {
  memberTargets,
  readStaffDirectory,
  staffOf,
  staffTargetsIn,
  type StaffDirectory,
} from './staff-targets';
import { addWorkingDays } from './working-days';

/** How long before a deadline its holder is reminded. */
export const REMINDER_LEAD_MS = 4 * 3_600_000;

/** The steps of a deadline: a reminder before it, the koordinator after it, the Dinsos a working day later. */
export type SlaStage = 'reminder' | 'overdue' | 'escalated';

/** Which alerts a deadline calls for at `now`: each later stage includes what came before it. */
export function slaStagesDue(
  dueAt: Date,
  now: Date,
  settings: Pick<ComplaintDeskSettings, 'calendar'>,
): SlaStage[] {
  if (now.getTime() < dueAt.getTime() - REMINDER_LEAD_MS) return [];
  if (now < dueAt) return ['reminder'];
  if (now < addWorkingDays(dueAt, 1, settings.calendar)) return ['reminder', 'overdue'];
  return ['reminder', 'overdue', 'escalated'];
}

const SLA_TEXTS = {
  reminder: 'complaint.slaReminder',
  overdue: 'complaint.slaOverdue',
  escalated: 'complaint.slaEscalated',
} as const satisfies Record<SlaStage, TextKey>;

/**
 * Queues the alerts that open complaints' deadlines call for: the assignee (or the front office) is
 * reminded before, the Puskesos's koordinator is alerted after, and the Dinsos admins a working day
 * later. Each alert has a dedupe key of its deadline and stage, so running this every hour, on any
 * number of instances, alerts each person once per deadline and stage.
 */
export async function queueSlaAlerts(
  models: Models,
  now: Date,
  dueAt: Date,
  settings: ComplaintDeskSettings,
  queue: QueueMessage = (entry) => queueOnce(models, entry),
): Promise<Record<SlaStage, number>> {
  const counts: Record<SlaStage, number> = { reminder: 0, overdue: 0, escalated: 0 };
  const complaints = await models.complaints
    .find(
      { status: { $in: [...OPEN_STATUSES] }, dueAt: { $lte: new Date(now.getTime() + REMINDER_LEAD_MS) } },
      { number: 1, puskesos: 1, status: 1, assignee: 1, assigneeName: 1, dueAt: 1, category: 1, desa: 1 },
    )
    .lean();
  // Most hours nothing is near its deadline: then the staff need not be read at all.
  if (complaints.length === 0) return counts;
  const directory = await readStaffDirectory(models);
  const timeZone = settings.calendar.timeZone;
  for (const complaint of complaints) {
    if (!complaint.dueAt) continue;
    const deadline = complaint.dueAt;
    const puskesos = directory.puskesos.get(String(complaint.puskesos));
    const about = say('complaint.slaAbout', 'id', {
      number: complaint.number,
      category: complaintCategoryName(complaint.category),
      desa: complaint.desa,
      puskesos: puskesos?.name ?? 'Puskesos',
      status: statusWord(complaint.status, 'id'),
    });
    const what = say(complaint.status === 'new' ? 'complaint.toAcknowledge' : 'complaint.toAnswer', 'id');
    const written = formatDateTime(deadline, 'id', timeZone);
    const handler = complaint.assigneeName
      ? say('complaint.handledBy', 'id', { name: complaint.assigneeName })
      : say('complaint.notTakenByStaff', 'id');
    for (const stage of slaStagesDue(deadline, now, settings)) {
      const text = say(SLA_TEXTS[stage], 'id', { about, what, deadline: written, handler });
      for (const target of recipientsOf(directory, stage, complaint, settings.fallback)) {
        const queued = await queue({
          dedupeKey: `complaint-sla:${complaint.number}:${deadline.toISOString()}:${stage}:${target.channel}:${target.chatId}`,
          channel: target.channel,
          chatId: target.chatId,
          fallbacks: target.fallbacks,
          message: { text },
          dueAt,
        });
        if (queued) counts[stage]++;
      }
    }
  }
  return counts;
}

function recipientsOf(
  directory: StaffDirectory,
  stage: SlaStage,
  complaint: { puskesos?: Types.ObjectId | null; assignee?: Types.ObjectId | null },
  fallback: 'simulator' | undefined,
): ChatTarget[] {
  if (stage === 'escalated')
    return memberTargets(
      directory.staff.filter((member) => member.role === 'admin'),
      fallback,
    );
  // An unrouted complaint has no deadline yet, so none reaches here; the type still allows it.
  if (!complaint.puskesos) return [];
  if (stage === 'reminder') {
    const assignee =
      complaint.assignee &&
      directory.staff.find((member) => String(member._id) === String(complaint.assignee));
    const target = assignee && chatTargetOf(assignee, fallback);
    return target ? [target] : staffTargetsIn(directory, complaint.puskesos, ['front_office'], fallback);
  }
  const direct = memberTargets(staffOf(directory, complaint.puskesos, ['koordinator']), fallback);
  return direct.length > 0
    ? direct
    : staffTargetsIn(directory, complaint.puskesos, ['front_office', 'back_office'], fallback);
}
