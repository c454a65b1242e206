import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../auth';
import { complaintScopeOf } from '../../auth/scopes';
import type { ComplaintIndexEntry } from '../../domain/complaints/complaint-index';
import type { ApiDependencies } from '../api/v1/dependencies';
import { INBOX_FIELD_EXAMPLES, inboxQuery, inboxQueryOf, type InboxQuery } from './complaint-inbox-query';
import { selectComplaints } from './complaint-inbox-read';
import { inboxView, type InboxModel, type UnroutedQueue } from './complaint-inbox-view';
import { notAllowed, notStaff, say } from './complaint-words';
import { declarePage, refusal, show, type Page } from './page';
import { inboxOrder } from './sla-badge';

/** An inbox page; the next one starts after its last number. */
const INBOX_PAGE = 50;
/** The "Belum ada Puskesos" queue is read a page at a time, in the order the complaints came. */
const QUEUE_PAGE = 20;

/** The address's choices with their empty fields dropped and the earlier `?tampil=semua` read, as the form sends them. */
const inboxPageQuery = z.preprocess((given) => {
  const read = inboxQueryOf((given ?? {}) as Record<string, unknown>);
  // What cannot be read goes on to the schema as it came, which refuses it and names the field.
  return read.success ? read.data : given;
}, inboxQuery.strict());

/**
 * The admin's "Belum ada Puskesos" queue: complaints from a desa no Puskesos serves, oldest first, a
 * page at a time after the number in `?antrean` (read from the small queue, not from every complaint).
 */
async function unroutedQueue({ models }: ApiDependencies, after: string | undefined): Promise<UnroutedQueue> {
  const [entries, total] = await Promise.all([
    models.unroutedComplaints
      .find(after ? { _id: { $gt: after } } : {})
      .sort({ _id: 1 })
      .limit(QUEUE_PAGE + 1)
      .lean(),
    models.unroutedComplaints.countDocuments(),
  ]);
  const shown = entries.slice(0, QUEUE_PAGE);
  return {
    entries: shown.map((entry) => ({ ...entry, kecamatan: entry.kecamatan ?? undefined })),
    total,
    after,
    next: entries.length > QUEUE_PAGE ? shown.at(-1)?._id : undefined,
  };
}

/**
 * The complaints inbox: the viewer's scope (a Puskesos its own, the Dinsos every one) read from the
 * complaint indexes by `_id` and chosen and paged in memory, 50 to a page newest first by number,
 * overdue first within the page; never a search of every complaint or participant (but for words).
 */
export function complaintInboxPage(dependencies: ApiDependencies): Page {
  const { models, auth } = dependencies;
  return declarePage<InboxModel, undefined, typeof inboxPageQuery>({
    method: 'get',
    path: '/pengaduan',
    query: inboxPageQuery,
    refuses: (account) => (complaintScopeOf(account) ? undefined : refusal(403, notAllowed, notStaff)),
    invalidQuery(issues) {
      const fields = [
        ...new Set(issues.flatMap((issue) => ('keys' in issue ? issue.keys : [String(issue.path[0] ?? '')]))),
      ];
      return refusal(
        400,
        (t) => t('Pilihan tidak dikenal', 'Unrecognised choice'),
        (t) => {
          const named = fields
            .map((field) => (INBOX_FIELD_EXAMPLES[field] ? say(t, INBOX_FIELD_EXAMPLES[field]) : field))
            .join(', ');
          return t(`Periksa pilihan: ${named}.`, `Please check: ${named}.`);
        },
      );
    },
    async load(account, { query, now, from }) {
      const scope = complaintScopeOf(account);
      if (!scope) return refusal(403, notAllowed, notStaff);
      const admin = !scope.puskesos;
      const selected = await selectComplaints(models, scope, query, { now, timeZone: auth.timeZone });
      const shown = selected.slice(0, INBOX_PAGE);
      const [units, staff, queue] = await Promise.all([
        models.puskesos
          .find(admin ? {} : { _id: scope.puskesos }, { name: 1 })
          .sort({ name: 1 })
          .lean(),
        models.staff
          .find(admin ? { puskesos: { $exists: true } } : { puskesos: scope.puskesos }, { name: 1 })
          .sort({ name: 1 })
          .lean(),
        admin && !query.sebelum ? unroutedQueue(dependencies, query.antrean) : undefined,
      ]);
      await recordAudit(
        models,
        {
          actor: auditActorOf(account),
          action: 'complaints.list',
          from,
          details: {
            via: 'session',
            page: 'dashboard',
            count: shown.length,
            // Which choices, never the words searched for (they may name a person).
            filters: Object.keys(query).filter((key) => key !== 'antrean'),
          },
        },
        now,
      );
      return show<InboxModel>({
        query: query as InboxQuery,
        admin,
        now,
        timeZone: auth.timeZone,
        // Each page is the next 50 by number; within it, overdue first, as staff work them.
        complaints: inboxOrder<ComplaintIndexEntry>(shown, now),
        nextKey: selected.length > INBOX_PAGE ? shown.at(-1)?.number : undefined,
        units: units.map((unit) => ({ id: String(unit._id), name: unit.name })),
        staff: staff.map((member) => ({ id: String(member._id), name: member.name })),
        queue,
      });
    },
    title: (_model, t) => t('Pengaduan', 'Complaints'),
    view: inboxView,
  });
}
