import type { Models } from '../../db/models';
import { queueOnce, type QueueMessage } from '../../db/outbox';
import type { ComplaintDeskSettings } from '../complaints/complaint-desk';
import { REMINDER_LEAD_MS, slaStagesDue, type SlaStage } from '../complaints/sla';
import { memberTargets, readStaffDirectory, staffTargetsIn } from '../complaints/staff-targets';
import { chatTargetOf, type ChatTarget } from '../reminders/reach';
import { formatDateTime, say, type TextKey } from '../../i18n';

const SLA_TEXTS = {
  reminder: 'handover.slaReminder',
  overdue: 'handover.slaOverdue',
  escalated: 'handover.slaEscalated',
} as const satisfies Record<SlaStage, TextKey>;

/**
 * Queues the alerts that open requests' deadlines call for, as a complaint's: the one it is assigned
 * to is reminded before its deadline and told after it, and the Dinsos admins hear of it a working day
 * later (unless it is theirs already). Reads the open requests (a small queue), and only when one is
 * near its deadline the staff, the Puskesos and those mentors, each once. Each alert's dedupe key has
 * the deadline and stage, so running it every hour on any number of instances alerts each person once.
 */
export async function queueHandoverSlaAlerts(
  models: Models,
  now: Date,
  dueAt: Date,
  settings: ComplaintDeskSettings,
  queue: QueueMessage = (entry) => queueOnce(models, entry),
): Promise<Record<SlaStage, number>> {
  const counts: Record<SlaStage, number> = { reminder: 0, overdue: 0, escalated: 0 };
  const waiting = await models.openHandovers
    .find({ dueAt: { $lte: new Date(now.getTime() + REMINDER_LEAD_MS) } })
    .lean();
  if (waiting.length === 0) return counts;
  const directory = await readStaffDirectory(models);
  const mentorIds = waiting.flatMap((open) => (open.assignee.mentor ? [open.assignee.mentor] : []));
  const mentors =
    mentorIds.length > 0
      ? await models.mentors.find({ _id: { $in: mentorIds } }, { phone: 1, channels: 1 }).lean()
      : [];
  const admins = memberTargets(
    directory.staff.filter((member) => member.role === 'admin' && !member.puskesos),
    settings.fallback,
  );
  const timeZone = settings.calendar.timeZone;
  for (const open of waiting) {
    if (!open.dueAt) continue;
    const { assignee } = open;
    const assigned: ChatTarget[] =
      assignee.kind === 'mentor'
        ? mentors.flatMap((mentor) =>
            mentor._id.equals(assignee.mentor ?? undefined)
              ? (chatTargetOf(mentor, settings.fallback) ?? [])
              : [],
          )
        : assignee.kind === 'puskesos' && assignee.puskesos
          ? staffTargetsIn(directory, assignee.puskesos, ['koordinator', 'front_office'], settings.fallback)
          : admins;
    const deadline = formatDateTime(open.dueAt, 'id', timeZone);
    const about = say('handover.slaAbout', 'id', {
      number: open.handover,
      from: open.requesterName ?? say('handover.resident', 'id'),
    });
    const forWhom = assignee.kind === 'dinsos' ? say('handover.dinsosQueue', 'id') : (assignee.name ?? '');
    for (const stage of slaStagesDue(open.dueAt, now, settings)) {
      // The Dinsos admins are told of their own queue's requests as its assignee, not twice.
      if (stage === 'escalated' && assignee.kind === 'dinsos') continue;
      const text = say(SLA_TEXTS[stage], 'id', { about, deadline, forWhom });
      for (const target of stage === 'escalated' ? admins : assigned) {
        const queued = await queue({
          dedupeKey: `handover-sla:${open.handover}:${open.dueAt.toISOString()}:${stage}:${target.channel}:${target.chatId}`,
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
