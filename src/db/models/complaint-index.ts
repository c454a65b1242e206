import { Schema } from 'mongoose';

/**
 * One Puskesos's complaints as its lists read them, under `puskesos:<id>` (`puskesos:none` for those
 * no Puskesos serves yet): each complaint's entry by its number, with what the inbox, the API's list,
 * the overview and the export's names need, and no NIK, phone or text. A page reads its scope's few
 * documents by `_id` and filters and pages in memory, instead of searching every complaint and every
 * participant. About 300 bytes an entry: a Puskesos's thousand complaints a year make some 300 KB.
 * Written with every change of a complaint (src/domain/complaints/complaint-index.ts), built again
 * from the complaints by `npm run summaries:rebuild` and the migration `2026-12-complaint-index`.
 */
export const complaintIndexSchema = new Schema(
  {
    _id: { type: String, required: true },
    entries: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'complaint_indexes', versionKey: false, minimize: false },
);
