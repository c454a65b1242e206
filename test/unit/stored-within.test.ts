import { storedWithin } from '../../src/channels/stored-within';
import { capturedLog } from '../support/log';

describe('a webhook waiting for what it received to be stored', () => {
  it('gives the stored result when storing is quick', async () => {
    const { logger } = capturedLog();
    await expect(storedWithin(Promise.resolve('accepted'), 1000, logger, 'an update')).resolves.toBe(
      'accepted',
    );
  });

  it('fails after the deadline, and logs the late failure instead of leaving it unhandled', async () => {
    const { lines, logger } = capturedLog();
    let fail: (error: Error) => void = () => {};
    const storing = new Promise<string>((_, reject) => {
      fail = reject;
    });
    await expect(storedWithin(storing, 50, logger, 'an update')).rejects.toThrow(
      'an update could not be stored within 0.05 s',
    );
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    fail(new Error('MongoPoolClearedError'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', listener);
    expect(unhandled).toEqual([]);
    expect(lines.join('')).toContain('an update was not stored');
  });
});
