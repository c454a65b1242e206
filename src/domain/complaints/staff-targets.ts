import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import type { StaffRole } from '../program';
import { chatTargetOf, type ChatTarget } from '../reminders/reach';

type StaffGroup = { channel?: string | null; chatId?: string | null };
type StaffMember = Parameters<typeof chatTargetOf>[0];

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
  const groups = groupTargets(puskesos?.staffGroups);
  if (groups.length > 0) return groups;
  const staff = await models.staff
    .find(
      { puskesos: puskesosId, role: { $in: [...roles] }, disabledAt: { $exists: false } },
      { phone: 1, channels: 1 },
    )
    .lean();
  return memberTargets(staff, fallback);
}

/**
 * Every Puskesos and staff member, read once by a batch job (the complaint deadlines, the morning
 * lists), which then finds each complaint's readers in memory.
 */
export interface StaffDirectory {
  puskesos: Map<string, { _id: Types.ObjectId; name: string; staffGroups?: StaffGroup[] | null }>;
  staff: (StaffMember & { _id: Types.ObjectId; role: StaffRole; puskesos?: Types.ObjectId | null })[];
}

export async function readStaffDirectory(models: Models): Promise<StaffDirectory> {
  const [puskesos, staff] = await Promise.all([
    models.puskesos.find({}, { name: 1, staffGroups: 1 }).lean(),
    // A disabled member is left out here, so no batch job writes to them.
    models.staff
      .find({ disabledAt: { $exists: false } }, { role: 1, puskesos: 1, phone: 1, channels: 1 })
      .lean(),
  ]);
  return { puskesos: new Map(puskesos.map((office) => [String(office._id), office])), staff };
}

/** As `staffTargetsOf`, from a directory read beforehand. */
export function staffTargetsIn(
  directory: StaffDirectory,
  puskesosId: Types.ObjectId,
  roles: readonly StaffRole[],
  fallback?: 'simulator',
): ChatTarget[] {
  const groups = groupTargets(directory.puskesos.get(String(puskesosId))?.staffGroups);
  if (groups.length > 0) return groups;
  return memberTargets(staffOf(directory, puskesosId, roles), fallback);
}

/** The staff of a Puskesos in the given roles. */
export const staffOf = (directory: StaffDirectory, puskesosId: Types.ObjectId, roles: readonly StaffRole[]) =>
  directory.staff.filter(
    (member) => String(member.puskesos) === String(puskesosId) && roles.includes(member.role),
  );

const groupTargets = (groups: StaffGroup[] | null | undefined): ChatTarget[] =>
  (groups ?? []).flatMap((group) =>
    group.channel && group.chatId ? [{ channel: group.channel, chatId: group.chatId }] : [],
  );

export const memberTargets = (staff: StaffMember[], fallback?: 'simulator'): ChatTarget[] =>
  staff.flatMap((member) => chatTargetOf(member, fallback) ?? []);
