import { Schema, type InferSchemaType } from 'mongoose';
import { PUSKESOS_SERVICES } from '../../domain/program';

export const puskesosSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    desa: { type: String, required: true, trim: true },
    kecamatan: { type: String, required: true, trim: true },
    services: { type: [String], enum: PUSKESOS_SERVICES, default: [] },
    /** Other desa of the kecamatan whose residents this Puskesos also serves. */
    servedDesa: { type: [String], default: [] },
    /** Group chats where its staff receive and handle complaints (a Telegram group, a WhatsApp group). */
    staffGroups: {
      type: [new Schema({ channel: String, chatId: String }, { _id: false })],
      default: [],
    },
    /** Its service promise, in working days: acknowledge a complaint within 1, answer within 5. */
    sla: {
      type: new Schema(
        {
          acknowledgeWorkingDays: { type: Number, min: 1, default: 1 },
          answerWorkingDays: { type: Number, min: 1, default: 5 },
        },
        { _id: false },
      ),
      default: () => ({}),
    },
  },
  { collection: 'puskesos', timestamps: true },
);

puskesosSchema.index({ name: 1 }, { unique: true });
puskesosSchema.index({ kecamatan: 1, desa: 1 });
puskesosSchema.index({ 'staffGroups.channel': 1, 'staffGroups.chatId': 1 });

export type Puskesos = InferSchemaType<typeof puskesosSchema>;
