/**
 * Finds the first key that MongoDB could read as an operator or a path (`$gt`, `a.b`, `status[$ne]`),
 * anywhere in a parsed body or query. Such a key is refused before any schema or database sees it,
 * so that `{"password": {"$gt": ""}}` can never become a query.
 */
export function operatorKeyIn(value: unknown, path: string[] = []): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = operatorKeyIn(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('$') || key.includes('.') || key === '__proto__') return [...path, key].join('.');
    const found = operatorKeyIn(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
