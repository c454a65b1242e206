/**
 * Text as a pattern that matches it literally: for `$regex` queries and RegExps built from what
 * people typed, where `.` or `(` must not act as operators.
 */
export const literalPattern = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
