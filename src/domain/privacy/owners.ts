/**
 * Reading one collection once for several people at a time: the privacy job gathers what is held
 * about every pending request's person in one pass per collection, then tells each document's owner
 * by the same fields the filter named.
 */

type Lean = Record<string, unknown> & { _id: unknown };

/** Fields that together name a person in a document (`channel` + `chatId`), with one person's values. */
export interface OwnedBy {
  fields: readonly string[];
  values: readonly unknown[];
}

const valueAt = (document: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
      document,
    );

const keyOf = (fields: readonly string[], values: readonly unknown[]) =>
  `${fields.join('+')}=${values.map((value) => String(value)).join('\u0000')}`;

/** The keys a document is owned by, for each set of fields (an array field, as `participants`, by each element). */
function keysOfDocument(document: Lean, fieldSets: readonly (readonly string[])[]): string[] {
  return fieldSets.flatMap((fields) => {
    const values = fields.map((path) => valueAt(document, path));
    if (values.some((value) => value === undefined || value === null)) return [];
    const [only] = values;
    if (fields.length === 1 && Array.isArray(only)) return only.map((item) => keyOf(fields, [item]));
    return [keyOf(fields, values)];
  });
}

/**
 * Reads the documents any of `people` own with one query (`find` is given the filter), and returns
 * each person's, in the order found. A person who owns nothing here (no record, no account) costs
 * nothing, and when nobody does the collection is not read at all.
 */
export async function ownedByEach(
  find: (filter: Record<string, unknown>) => Promise<Lean[]>,
  people: readonly (readonly OwnedBy[])[],
): Promise<Lean[][]> {
  const conditions = new Map<string, Record<string, unknown>>();
  for (const owned of people.flat()) {
    const condition = Object.fromEntries(owned.fields.map((field, index) => [field, owned.values[index]]));
    conditions.set(keyOf(owned.fields, owned.values), condition);
  }
  if (conditions.size === 0) return people.map(() => []);
  const found = await find({ $or: [...conditions.values()] });
  const fieldSets = [
    ...new Map(people.flat().map((owned) => [owned.fields.join('+'), owned.fields])).values(),
  ];
  const owners = found.map((document) => new Set(keysOfDocument(document, fieldSets)));
  return people.map((owned) => {
    const keys = owned.map((entry) => keyOf(entry.fields, entry.values));
    return found.filter((_document, index) => keys.some((key) => owners[index]?.has(key)));
  });
}
