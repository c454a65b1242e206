import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import type { StaffRole } from '../program';
import { chatTargetOf, type ChatTarget } from '../reminders/reach';

/**
 * Where a Puskesos's staff read about complaints: its staff groups when it has any, otherwise each
 * staff member of the given roles in their own chat.
 */
export async function staffTargetsOf(
  models: Models,
  puskesosId: Types.ObjectId,
  roles: readonly StaffRole[],
  fallback?: 'simulator',
): Promise<ChatTarget[]> {
  const puskesos = await models.puskesos.findById(puskesosId, { staffGroups: 1 }).lean();
  const groups = (puskesos?.staffGroups ?? []).flatMap((group) =>
    group.channel && group.chatId ? [{ channel: group.channel, chatId: group.chatId }] : [],
  );
  if (groups.length > 0) return groups;
  const staff = await models.staff
    .find({ puskesos: puskesosId, role: { $in: [...roles] } }, { phone: 1, channels: 1 })
    .lean();
  return staff.flatMap((member) => {
    const target = chatTargetOf(member, fallback);
    return target ? [target] : [];
  });
}

/** One staff member's own chat, for a reminder meant for them alone. */
export async function staffChatOf(
  models: Models,
  staffId: Types.ObjectId,
  fallback?: 'simulator',
): Promise<ChatTarget | undefined> {
  const member = await models.staff.findById(staffId, { phone: 1, channels: 1 }).lean();
  return member ? chatTargetOf(member, fallback) : undefined;
}
