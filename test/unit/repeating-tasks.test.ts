import { startRepeatingTasks } from '../../src/scheduler';
import { capturedLog } from '../support/log';

const HOUR = 3_600_000;

describe('repeating tasks', () => {
  it('runs the start-up ones before starting, logs a failure without stopping the others', async () => {
    const { lines, logger } = capturedLog();
    const ran: string[] = [];
    const stop = await startRepeatingTasks(
      [
        { name: 'sweep', everyMs: HOUR, atStart: true, run: async () => ran.push('sweep') },
        {
          name: 'broken',
          everyMs: HOUR,
          atStart: true,
          run: () => Promise.reject(new Error('database is away')),
        },
        { name: 'tidy', everyMs: HOUR, run: async () => ran.push('tidy') },
      ],
      logger,
    );
    stop();
    expect(ran).toEqual(['sweep']);
    expect(lines.join('')).toContain('broken failed');
    expect(lines.join('')).toContain('database is away');
  });
});
