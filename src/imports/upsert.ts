import type { Model, QueryFilter, UpdateQuery } from 'mongoose';
import { keyPhoneIdentities, registryOf, type PersonByPhone } from '../db/identities';
import type { Models } from '../db/models';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Upserts one document by its natural key, writing only fields whose value differs, so importing the
 * same file twice changes nothing (not even `updatedAt`). Single-document and idempotent: safe to
 * repeat after a crash halfway through a file.
 */
export async function upsertChanged<T>(
  model: Model<T>,
  filter: QueryFilter<T>,
  fields: Record<string, unknown>,
  onInsert: Record<string, unknown> = {},
): Promise<UpsertOutcome> {
  return (await upsertChangedWithId(model, filter, fields, onInsert)).outcome;
}

/**
 * `upsertChanged` for a person's record, found by their phone: once created, the phone's identity
 * keys point at it, so their first message is recognised with one read (src/db/identities.ts).
 */
export async function upsertPerson<T>(
  models: Models,
  kind: PersonByPhone['kind'],
  phone: string,
  fields: Record<string, unknown>,
  onInsert: Record<string, unknown> = {},
): Promise<UpsertOutcome> {
  return (await upsertPersonRecord<T>(models, kind, phone, fields, onInsert)).outcome;
}

/** `upsertPerson`, telling also the record's id and the record as it was before (null when new). */
export async function upsertPersonRecord<T>(
  models: Models,
  kind: PersonByPhone['kind'],
  phone: string,
  fields: Record<string, unknown>,
  onInsert: Record<string, unknown> = {},
): Promise<{ outcome: UpsertOutcome; id: unknown; before: Record<string, unknown> | null }> {
  const registry = registryOf(models, kind) as unknown as Model<T>;
  const upserted = await upsertChangedWithId(registry, { phone } as QueryFilter<T>, fields, onInsert);
  if (upserted.outcome === 'created' && upserted.id !== undefined)
    await keyPhoneIdentities(models, [{ kind, id: String(upserted.id), phone }]);
  return upserted;
}

async function upsertChangedWithId<T>(
  model: Model<T>,
  filter: QueryFilter<T>,
  fields: Record<string, unknown>,
  onInsert: Record<string, unknown>,
): Promise<{ outcome: UpsertOutcome; id: unknown; before: Record<string, unknown> | null }> {
  const existing = (await model.findOne(filter).lean()) as Record<string, unknown> | null;
  const changed = Object.fromEntries(
    Object.entries(fields).filter(
      ([path, value]) => value !== undefined && !sameValue(valueAt(existing, path), value),
    ),
  );
  if (existing && Object.keys(changed).length === 0)
    return { outcome: 'unchanged', id: existing._id, before: existing };
  // Paths are dotted and decided at run time, which mongoose's static update types cannot express.
  const update = { $set: changed, ...(existing ? {} : { $setOnInsert: onInsert }) } as UpdateQuery<T>;
  const { upsertedId } = await model.updateOne(filter, update, { upsert: true, runValidators: true });
  return existing
    ? { outcome: 'updated', id: existing._id, before: existing }
    : { outcome: 'created', id: upsertedId, before: null };
}

function valueAt(document: Record<string, unknown> | null, path: string): unknown {
  let value: unknown = document;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function sameValue(stored: unknown, wanted: unknown): boolean {
  if (wanted instanceof Date) return stored instanceof Date && stored.getTime() === wanted.getTime();
  if (Array.isArray(wanted)) {
    return (
      Array.isArray(stored) &&
      stored.length === wanted.length &&
      wanted.every((entry, index) => sameValue(stored[index], entry))
    );
  }
  if (isObjectId(wanted)) return isObjectId(stored) && stored.toHexString() === wanted.toHexString();
  if (wanted !== null && typeof wanted === 'object') {
    if (stored === null || typeof stored !== 'object') return false;
    const wantedEntries = Object.entries(wanted);
    return (
      wantedEntries.length === Object.keys(stored).length &&
      wantedEntries.every(([key, value]) => sameValue((stored as Record<string, unknown>)[key], value))
    );
  }
  return stored === wanted;
}

function isObjectId(value: unknown): value is { toHexString(): string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toHexString?: unknown }).toHexString === 'function'
  );
}
