import { complaintCategoryName } from './categories';
import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import type { ComplaintStatus } from './lifecycle';
import { dayNumberOf } from '../calendar';
import { formatDateTime, say } from '../../i18n';
import { OPEN_STATUSES } from './lifecycle';
import { statusWord } from './messages';

export interface OpenComplaintLine {
  number: string;
  status: ComplaintStatus;
  category: string;
  desa: string;
  assigneeName?: string | undefined;
  createdAt: Date;
  dueAt?: Date | undefined;
}

/** What the staff's list shows of a complaint. */
export const OPEN_COMPLAINT_FIELDS = {
  number: 1,
  status: 1,
  category: 1,
  desa: 1,
  assigneeName: 1,
  createdAt: 1,
  dueAt: 1,
} as const;

/** A Puskesos's open complaints, oldest deadline first. */
export async function openComplaintsOf(
  models: Models,
  puskesosId: Types.ObjectId,
): Promise<OpenComplaintLine[]> {
  const complaints = await models.complaints
    .find({ puskesos: puskesosId, status: { $in: [...OPEN_STATUSES] } }, OPEN_COMPLAINT_FIELDS)
    .lean();
  return complaints.map(openComplaintLine);
}

export function openComplaintLine(complaint: {
  number: string;
  status: ComplaintStatus;
  category: string;
  desa: string;
  assigneeName?: string | null;
  createdAt: Date;
  dueAt?: Date | null;
}): OpenComplaintLine {
  return {
    number: complaint.number,
    status: complaint.status,
    category: complaint.category,
    desa: complaint.desa,
    assigneeName: complaint.assigneeName ?? undefined,
    createdAt: complaint.createdAt,
    dueAt: complaint.dueAt ?? undefined,
  };
}

/**
 * The staff's list of open complaints: overdue first, then by deadline, each with its age, so the
 * morning starts with what waited longest past its promise.
 */
export function formatOpenComplaints(
  puskesosName: string,
  complaints: OpenComplaintLine[],
  now: Date,
  timeZone: string,
): string {
  if (complaints.length === 0) return say('complaint.noneOpen', 'id', { puskesos: puskesosName });
  const sorted = [...complaints].sort(
    (a, b) =>
      (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.number.localeCompare(b.number),
  );
  const overdue = sorted.filter((complaint) => complaint.dueAt && complaint.dueAt <= now).length;
  const today = dayNumberOf(now, timeZone);
  const lines = sorted.map((complaint) => {
    const age = today - dayNumberOf(complaint.createdAt, timeZone);
    const deadline = complaint.dueAt
      ? complaint.dueAt <= now
        ? say('complaint.overdueSince', 'id', { when: formatDateTime(complaint.dueAt, 'id', timeZone) })
        : say('complaint.dueBy', 'id', { when: formatDateTime(complaint.dueAt, 'id', timeZone) })
      : '';
    return [
      `${complaint.dueAt && complaint.dueAt <= now ? '⚠️ ' : ''}${complaint.number}`,
      statusWord(complaint.status, 'id'),
      complaintCategoryName(complaint.category),
      complaint.desa,
      say('complaint.ageInDays', 'id', { days: age }),
      complaint.assigneeName
        ? say('complaint.takenBy', 'id', { name: complaint.assigneeName })
        : say('complaint.notTaken', 'id'),
      deadline,
    ]
      .filter(Boolean)
      .join(' · ');
  });
  const title = say('complaint.openTitle', 'id', {
    puskesos: puskesosName,
    count: complaints.length,
    overdue,
  });
  return [title, ...lines].join('\n');
}
