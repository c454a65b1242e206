import { z } from 'zod';
import { COMPLAINT_STATUSES } from '../../../domain/complaints';
import {
  CLUSTERS,
  LANGUAGES,
  MENTOR_TYPES,
  PARTICIPANT_STATUSES,
  STAFF_ROLES,
  STAGES,
} from '../../../domain/program';

/**
 * The JSON bodies of the API's successful answers, for the OpenAPI document. The integration tests
 * parse real answers with them, so a handler that changes its shape fails there.
 */
const time = z.iso.datetime().describe('an instant, ISO 8601 in UTC');
const orNull = <T extends z.ZodType>(schema: T) => schema.nullable();
const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
  });

export const accountBody = z.union([
  z.object({
    kind: z.literal('staff'),
    id: z.string(),
    name: z.string(),
    role: z.enum(STAFF_ROLES),
    puskesos: orNull(z.string()),
  }),
  z.object({ kind: z.literal('mentor'), id: z.string(), name: z.string(), mentorType: z.enum(MENTOR_TYPES) }),
]);

export const signedInBody = z.object({ account: accountBody, csrfToken: z.string(), expiresAt: time });
export const meBody = z.object({
  account: accountBody,
  via: z.enum(['session', 'token']),
  csrfToken: z.string().optional().describe('for a browser session: send it as X-CSRF-Token'),
});
export const messageBody = z.object({ message: z.string() });

export const complaintListBody = page(
  z.object({
    number: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    category: z.string(),
    desa: z.string(),
    assigneeName: orNull(z.string()),
    referredTo: orNull(z.string()),
    dueAt: orNull(time),
    overdue: z.boolean(),
    createdAt: time,
  }),
);

export const complaintBody = z.object({
  number: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  puskesos: orNull(z.string()),
  category: z.string(),
  desa: z.string(),
  text: z.string().describe('any NIK in it hidden'),
  photos: z.number().int().describe('how many photos came with it'),
  language: z.enum(LANGUAGES),
  complainant: z.object({
    participant: z.boolean(),
    name: orNull(z.string()),
    phone: orNull(z.string()).describe('masked'),
  }),
  assigneeName: orNull(z.string()),
  referredTo: orNull(z.string()),
  acknowledgeBy: orNull(time),
  answerBy: orNull(time),
  dueAt: orNull(time),
  rating: orNull(z.object({ score: z.number().nullish(), solved: z.boolean().nullish() })),
  createdAt: time,
  events: z.array(
    z.object({
      kind: z.string(),
      at: time,
      byName: orNull(z.string()),
      from: orNull(z.string()),
      to: orNull(z.string()),
      text: orNull(z.string()),
    }),
  ),
});

export const complaintActionDoneBody = z.object({
  number: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  announcement: z.string().describe('what the complainant is told, if anything'),
});

const fullParticipant = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  nik: orNull(z.string()).describe('masked, never the digits'),
  kecamatan: z.string(),
  desa: z.string(),
  cluster: z.enum(CLUSTERS),
  stage: z.enum(STAGES),
  business: z.object({ name: orNull(z.string()), description: orNull(z.string()) }),
  capitalGrant: orNull(z.number()),
  mentoringWindow: z.object({ start: orNull(time), end: orNull(time) }),
  status: z.enum(PARTICIPANT_STATUSES),
  language: z.enum(LANGUAGES),
  consentGivenAt: orNull(time),
  consentWithdrawnAt: orNull(time),
});
const complaintParticipant = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().describe('masked'),
  kecamatan: z.string(),
  desa: z.string(),
  language: z.enum(LANGUAGES),
});
export const participantListBody = page(
  z
    .union([fullParticipant, complaintParticipant])
    .describe('in full for mentors and Dinsos; for staff only what a complaint needs'),
);
export const participantChangedBody = z.object({ id: z.string(), changed: z.array(z.string()) });

const figures = {
  sales: z.number(),
  spending: z.number(),
  savingsDeposit: z.number(),
  savingsWithdrawal: z.number(),
  savingsBalance: z.number(),
};
export const weeklyReportListBody = page(
  z.object({
    participant: z.object({
      id: z.string(),
      name: orNull(z.string()),
      kecamatan: orNull(z.string()),
      desa: orNull(z.string()),
    }),
    week: z.string(),
    ...figures,
    channel: z.string(),
    submittedAt: time,
    revisions: z.number().int(),
  }),
).extend({ week: z.string() });
export const weeklyReportCorrectedBody = z.object({
  participant: z.string(),
  week: z.string(),
  kind: z.enum(['created', 'corrected']),
  ...figures,
  reason: z.string(),
  revisions: z.number().int(),
});

export const sessionListBody = page(
  z.object({
    id: z.string(),
    mentor: z.string(),
    startsAt: time,
    place: z.string(),
    topic: z.string(),
    status: z.enum(['planned', 'cancelled', 'done']),
    participants: z.array(z.string()),
  }),
);
export const sessionNoticesBody = z.object({
  id: z.string(),
  notices: z.number().int().describe('messages queued to the participants'),
});
export const attendanceBody = z.object({
  id: z.string(),
  present: z.number().int(),
  invited: z.number().int(),
});

const leftOut = z
  .object({
    stopped: z.number().int().describe('sent STOP'),
    withoutConsent: z.number().int().describe('never agreed to be written to, or withdrew'),
    noChat: z.number().int().describe('no chat app on record'),
    noTemplate: z
      .number()
      .int()
      .describe('only on WhatsApp Cloud, silent for 24 hours, and no template configured'),
  })
  .describe('matched the filter but not written to');
export const broadcastPreviewBody = z.object({
  to: z.string().describe('the filter in words'),
  recipients: z.number().int().describe('how many the message would go to'),
  names: z.array(z.string()).describe('the first few recipients, by name'),
  message: z.string().describe('the text as they would read it, signed with the sender'),
  leftOut,
  dueAt: time.describe('when it would go out: now, or after quiet hours'),
});
const broadcastItem = z.object({
  id: z.string(),
  clientId: orNull(z.string()).describe('the key sent with it through the API'),
  sentBy: z.string().describe('`staff:<id>` or `mentor:<id>`'),
  from: z.string().describe('the signature under the text'),
  to: z.string().describe('the filter in words'),
  text: z.string(),
  sentAt: time,
  dueAt: time,
  recipients: z.number().int(),
  status: z.enum(['sending', 'queued']).describe('`queued` once every message is in the outbox'),
});
export const broadcastListBody = page(broadcastItem);
export const broadcastBody = broadcastItem.extend({
  filter: z.object({
    kecamatan: z.string().optional(),
    cluster: z.enum(CLUSTERS).optional(),
    stage: z.enum(STAGES).optional(),
    notReportedWeek: z.string().optional().describe('the ISO week they did not report'),
    session: z.string().optional(),
  }),
  leftOut,
  progress: z.object({
    queued: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
  }),
  failures: z
    .array(z.object({ participant: z.string(), name: z.string(), reason: z.string() }))
    .describe('the first 20 recipients whose message failed, with the platform’s reason'),
});
export const broadcastSentBody = z.object({
  status: z.enum(['sent', 'already_sent']).describe('`already_sent`: this clientId was sent before'),
  broadcast: broadcastBody,
});

export const tokenBody = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string().describe('shown once; keep it secret'),
  account: accountBody,
});

export const openApiBody = z.object({ openapi: z.literal('3.1.0') }).loose();
