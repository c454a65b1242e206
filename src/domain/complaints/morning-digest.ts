import type { Models } from '../../db/models';
import { queueOnce, type QueueMessage } from '../../db/outbox';
import type { ComplaintDeskSettings } from './complaint-desk';
import { OPEN_STATUSES } from './lifecycle';
import {
  formatOpenComplaints,
  OPEN_COMPLAINT_FIELDS,
  openComplaintLine,
  type OpenComplaintLine,
} from './staff-digest';
import { readStaffDirectory, staffTargetsIn } from './staff-targets';

/**
 * Each working morning, every Puskesos with open complaints gets their list, overdue first, in its
 * staff group (or to its staff one by one). Keyed by the day: a rerun sends nothing twice. The open
 * complaints, the Puskesos and their staff are each read once, whatever their number.
 */
export async function queueStaffDigests(
  models: Models,
  day: string,
  now: Date,
  dueAt: Date,
  settings: ComplaintDeskSettings,
  queue: QueueMessage = (entry) => queueOnce(models, entry),
): Promise<{ puskesos: number; queued: number }> {
  const [complaints, directory] = await Promise.all([
    models.complaints
      .find({ status: { $in: [...OPEN_STATUSES] } }, { ...OPEN_COMPLAINT_FIELDS, puskesos: 1 })
      .lean(),
    readStaffDirectory(models),
  ]);
  const openByPuskesos = new Map<string, OpenComplaintLine[]>();
  for (const complaint of complaints) {
    const key = String(complaint.puskesos);
    const open = openByPuskesos.get(key) ?? [];
    open.push(openComplaintLine(complaint));
    openByPuskesos.set(key, open);
  }
  let puskesosCount = 0;
  let queued = 0;
  for (const puskesos of directory.puskesos.values()) {
    const open = openByPuskesos.get(String(puskesos._id)) ?? [];
    if (open.length === 0) continue;
    puskesosCount++;
    const text = formatOpenComplaints(puskesos.name, open, now, settings.calendar.timeZone);
    const targets = staffTargetsIn(
      directory,
      puskesos._id,
      ['koordinator', 'front_office', 'back_office'],
      settings.fallback,
    );
    for (const target of targets) {
      const sent = await queue({
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
