import { useTestDatabase } from '../support/database';

const db = useTestDatabase();

/**
 * Everything on the message path is read and written by `_id`, so that lookup must use the `_id`
 * index on every server we run on. On FerretDB's SQLite backend that holds only with our patch
 * (src/db/embedded/ferretdb-patches): without it the plan is a `SCAN` of the whole table.
 */
describe('a find by _id uses the _id index', () => {
  it('is a keyed search, not a scan, on the test server', async () => {
    const collection = db.connection.collection<{ _id: string; n: number }>('id_index_probe');
    await collection.insertMany(Array.from({ length: 300 }, (_, n) => ({ _id: `probe:${n}`, n })));

    const explained = (await collection.find({ _id: 'probe:42' }).explain()) as ExplainOutput;
    const plan = planText(explained);

    if (explained.serverInfo?.ferretdbVersion) {
      expect(explained.filterPushdown).toBe(true);
      expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_ \(<expr>=\?\)/);
      expect(plan).not.toMatch(/\bSCAN\b/);
    } else {
      // MongoDB: the `_id` fast path, or an index scan on `_id_`.
      expect(plan).toMatch(/IDHACK|EXPRESS_IXSCAN|"indexName":"_id_"/);
      expect(plan).not.toMatch(/COLLSCAN/);
    }
    expect(await collection.findOne({ _id: 'probe:42' })).toEqual({ _id: 'probe:42', n: 42 });
  });
});

interface ExplainOutput {
  serverInfo?: { ferretdbVersion?: string };
  filterPushdown?: boolean;
  queryPlanner?: unknown;
}

/** FerretDB puts SQLite's `EXPLAIN QUERY PLAN` lines under `queryPlanner.Plan`; MongoDB a tree of stages. */
function planText(explained: ExplainOutput): string {
  return JSON.stringify(explained.queryPlanner);
}
