import { keyPhoneIdentities, registryOf, type PersonByPhone } from '../identities';
import type { Models } from '../models';
import type { Migration } from '.';

/**
 * Identity keys for everyone stored before people were keyed when stored: each registry read once,
 * participants last, so that their keys win where a phone is on two records, as in a search.
 */
export const identityKeysWritten: Migration = {
  id: '2026-12-identity-keys',
  description: 'identity keys written for the phones of participants, mentors and staff',
  run: async (models: Models) => {
    const people: PersonByPhone[] = [];
    for (const kind of ['staff', 'mentor', 'participant'] as const) {
      const records = await registryOf(models, kind)
        .find({}, { phone: 1 })
        .lean<{ _id: unknown; phone?: string | null }[]>();
      for (const record of records)
        if (record.phone) people.push({ kind, id: String(record._id), phone: record.phone });
    }
    await keyPhoneIdentities(models, people);
    return people.length;
  },
};
