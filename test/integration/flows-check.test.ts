import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/spawn';

describe('npm run flows:check', () => {
  it('passes on the shipped flows', async () => {
    const result = await runScript('src/cli/flows-check.ts', [], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ok {2}weekly-report v\d+: \d+ steps/);
  });

  it('exits non-zero naming the file, step and reason of a broken flow', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'pendamping-flows-'));
    writeFileSync(
      join(directory, 'broken.yaml'),
      'id: broken\nversion: 1\ntitle: { id: Rusak, en: Broken }\nstart: ask\nsteps:\n  - id: ask\n    prompt: { id: "Berapa?", en: "How much?" }\n    input: { type: money }\n    next: nowhere\n',
    );
    const result = await runScript('src/cli/flows-check.ts', [directory], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'broken.yaml, step ask: goes to nowhere, which is not a step (nor end, handoff or flow:<id>)',
    );
  });
});
