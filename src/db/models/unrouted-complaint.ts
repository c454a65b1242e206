import { Schema } from 'mongoose';

/**
 * The complaints that wait for the Dinsos admin to pass them to a Puskesos (their desa has none), one
 * small document each under the complaint's number: the admin's "Belum ada Puskesos" queue reads only
 * this, so it costs what is waiting, not every complaint ever filed. An entry leaves when its
 * complaint is assigned. It holds what the queue shows, so the page reads no complaint to list them.
 */
export const unroutedComplaintSchema = new Schema(
  {
    /** The complaint's number, `PGD-2026-000123`. */
    _id: { type: String, required: true },
    desa: { type: String, required: true },
    kecamatan: { type: String },
    category: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'unrouted_complaints', versionKey: false },
);
