import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;

/** `?page` from 1 and `?limit` up to 100 (20 when absent), shared by every list. */
export const paginationQuery = {
  page: z.coerce
    .number({ error: 'expected a page number from 1' })
    .int({ error: 'expected a page number from 1' })
    .min(1, { error: 'expected a page number from 1' })
    .max(100_000, { error: 'expected a page number up to 100000' })
    .default(1)
    .describe('page number, from 1'),
  limit: z.coerce
    .number({ error: `expected a number of items 1..${MAX_PAGE_SIZE}` })
    .int({ error: `expected a number of items 1..${MAX_PAGE_SIZE}` })
    .min(1, { error: `expected a number of items 1..${MAX_PAGE_SIZE}` })
    .max(MAX_PAGE_SIZE, { error: `expected a number of items 1..${MAX_PAGE_SIZE}` })
    .default(20)
    .describe(`items per page, at most ${MAX_PAGE_SIZE}`),
};

export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

export const skipOf = ({ page, limit }: { page: number; limit: number }) => (page - 1) * limit;
