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
  },
  { collection: 'puskesos', timestamps: true },
);

puskesosSchema.index({ name: 1 }, { unique: true });
puskesosSchema.index({ kecamatan: 1, desa: 1 });

export type Puskesos = InferSchemaType<typeof puskesosSchema>;
