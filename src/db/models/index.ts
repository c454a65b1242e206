import type { Connection } from 'mongoose';
import { groupInserts } from '../group-commit';
import { retryTransientRefusals } from '../transient-retry';
import { apiTokenSchema } from './api-token';
import { auditDaySchema } from './audit-day';
import { auditEventSchema } from './audit-event';
import { broadcastRecipientsSchema, broadcastSchema } from './broadcast';
import { chatLogSchema } from './chat-log';
import { complaintSchema } from './complaint';
import { complaintIndexSchema } from './complaint-index';
import { conversationSchema } from './conversation';
import { handoverSchema, openHandoverSchema, savedRepliesSchema } from './handover';
import { jobRunSchema } from './job-run';
import { identitySchema } from './identity';
import { leaseSchema } from './lease';
import { inboundMessageSchema, inboundQueueSchema } from './inbound-message';
import { mentorSchema } from './mentor';
import { migrationSchema } from './migration';
import { messageEffectSchema } from './message-effect';
import { mentoringSessionSchema } from './mentoring-session';
import { outboxSchema } from './outbox';
import { outboxPlatformIdSchema } from './outbox-platform-id';
import { outboxAheadSchema, outboxQueueSchema } from './outbox-queue';
import { outboxFailureSchema } from './outbox-failure';
import { participantSchema } from './participant';
import { privacyRequestSchema, privacyResultSchema } from './privacy-request';
import { participantRosterSchema } from './participant-roster';
import { puskesosSchema } from './puskesos';
import { reportLedgerSchema } from './report-ledger';
import { sessionAttendanceSchema } from './session-attendance';
import { sessionResponseSchema } from './session-response';
import { sessionIndexSchema, sessionLedgerSchema } from './session-index';
import { signInAttemptSchema } from './sign-in-attempt';
import { signInCodeSchema, signInCodeTrySchema } from './sign-in-code';
import { staffSchema } from './staff';
import { unroutedComplaintSchema } from './unrouted-complaint';
import { webSessionSchema } from './web-session';
import { weekSummarySchema } from './week-summary';
import { weeklyReportSchema } from './weekly-report';

export type { Participant } from './participant';
export type { Mentor } from './mentor';
export type { Staff } from './staff';
export type { Puskesos } from './puskesos';
export type { WeeklyReport } from './weekly-report';

/**
 * Registers every model on one connection. Models are bound to a connection, not to the global
 * mongoose, so that tests can give each file its own database. Each model's single-document
 * operations retry a transient refusal of the database (see `transient-retry.ts`), and inserts that
 * arrive while another is on its way go with the next one (see `group-commit.ts`).
 */
export function createModels(connection: Connection) {
  const models = {
    participants: connection.model('Participant', participantSchema),
    mentors: connection.model('Mentor', mentorSchema),
    staff: connection.model('Staff', staffSchema),
    puskesos: connection.model('Puskesos', puskesosSchema),
    weeklyReports: connection.model('WeeklyReport', weeklyReportSchema),
    reportLedgers: connection.model('ReportLedger', reportLedgerSchema),
    weekSummaries: connection.model('WeekSummary', weekSummarySchema),
    participantRoster: connection.model('ParticipantRoster', participantRosterSchema),
    mentoringSessions: connection.model('MentoringSession', mentoringSessionSchema),
    sessionResponses: connection.model('SessionResponse', sessionResponseSchema),
    sessionAttendance: connection.model('SessionAttendance', sessionAttendanceSchema),
    sessionIndex: connection.model('SessionIndex', sessionIndexSchema),
    sessionLedgers: connection.model('SessionLedger', sessionLedgerSchema),
    complaints: connection.model('Complaint', complaintSchema),
    unroutedComplaints: connection.model('UnroutedComplaint', unroutedComplaintSchema),
    complaintIndexes: connection.model('ComplaintIndex', complaintIndexSchema),
    conversations: connection.model('Conversation', conversationSchema),
    chatLogs: connection.model('ChatLog', chatLogSchema),
    inboundMessages: connection.model('InboundMessage', inboundMessageSchema),
    inboundQueue: connection.model('InboundQueueEntry', inboundQueueSchema),
    outbox: connection.model('OutboxEntry', outboxSchema),
    outboxQueue: connection.model('OutboxQueueEntry', outboxQueueSchema),
    outboxAhead: connection.model('OutboxAheadEntry', outboxAheadSchema),
    outboxFailures: connection.model('OutboxFailure', outboxFailureSchema),
    outboxPlatformIds: connection.model('OutboxPlatformId', outboxPlatformIdSchema),
    auditEvents: connection.model('AuditEvent', auditEventSchema),
    auditDays: connection.model('AuditDay', auditDaySchema),
    leases: connection.model('Lease', leaseSchema),
    identities: connection.model('Identity', identitySchema),
    jobRuns: connection.model('JobRun', jobRunSchema),
    webSessions: connection.model('WebSession', webSessionSchema),
    signInAttempts: connection.model('SignInAttempt', signInAttemptSchema),
    signInCodes: connection.model('SignInCode', signInCodeSchema),
    signInCodeTries: connection.model('SignInCodeTry', signInCodeTrySchema),
    apiTokens: connection.model('ApiToken', apiTokenSchema),
    migrations: connection.model('Migration', migrationSchema),
    messageEffects: connection.model('MessageEffect', messageEffectSchema),
    handovers: connection.model('Handover', handoverSchema),
    openHandovers: connection.model('OpenHandover', openHandoverSchema),
    broadcasts: connection.model('Broadcast', broadcastSchema),
    broadcastRecipients: connection.model('BroadcastRecipients', broadcastRecipientsSchema),
    savedReplies: connection.model('SavedReplies', savedRepliesSchema),
    privacyRequests: connection.model('PrivacyRequest', privacyRequestSchema),
    privacyResults: connection.model('PrivacyResult', privacyResultSchema),
  };
  for (const model of Object.values(models)) {
    retryTransientRefusals(model.collection);
    groupInserts(model.collection);
  }
  return models;
}

export type Models = ReturnType<typeof createModels>;

/** Builds every index at start-up; `autoIndex` is off so that this happens once, awaited. */
export async function buildIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    await model.createCollection();
    await model.createIndexes();
  }
}
