import { Schema, type InferSchemaType } from 'mongoose';

/** Who did what to which record, when and from where: every change and every bulk read of personal data. */
export const auditEventSchema = new Schema(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    target: { type: String },
    from: { type: String },
    details: { type: Schema.Types.Mixed },
  },
  { collection: 'audit_events' },
);

auditEventSchema.index({ at: -1 });
auditEventSchema.index({ actor: 1, at: -1 });

export type AuditEvent = InferSchemaType<typeof auditEventSchema>;
