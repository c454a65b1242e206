import type { Models } from '../../db/models';
import { queueOnce } from '../../db/outbox';
import type { ComplaintDeskSettings } from './complaint-desk';
import { formatOpenComplaints, openComplaintsOf } from './staff-digest';
import { staffTargetsOf } from './staff-targets';

/**
 * Each working morning, every Puskesos with open complaints gets their list, overdue first, in its
 * staff group (or to its staff one by one). Keyed by the day: a rerun sends nothing twice.
 */
export async function queueStaffDigests(
  models: Models,
  day: string,
  now: Date,
  dueAt: Date,
  settings: ComplaintDeskSettings,
): Promise<{ puskesos: number; queued: number }> {
  let puskesosCount = 0;
  let queued = 0;
  for (const puskesos of await models.puskesos.find({}, { name: 1 }).lean()) {
    const open = await openComplaintsOf(models, puskesos._id);
    if (open.length === 0) continue;
    puskesosCount++;
    const text = formatOpenComplaints(puskesos.name, open, now, settings.calendar.timeZone);
    const targets = await staffTargetsOf(
      models,
      puskesos._id,
      ['koordinator', 'front_office', 'back_office'],
      settings.fallback,
    );
    for (const target of targets) {
      const sent = await queueOnce(models, {
        dedupeKey: `staff-digest:${day}:${String(puskesos._id)}:${target.channel}:${target.chatId}`,
        channel: target.channel,
        chatId: target.chatId,
        fallbacks: target.fallbacks,
        message: { text },
        dueAt,
      });
      if (sent) queued++;
    }
  }
  return { puskesos: puskesosCount, queued };
}
