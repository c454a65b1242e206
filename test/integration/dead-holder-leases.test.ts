import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { acquireLease, leaseTaken } from '../../src/db/leases';
import { thisProcess } from '../../src/db/lease-holder';
import { chatsWaitingSince } from '../../src/db/inbound';
import { useTestDatabase } from '../support/database';
import { finished, ROOT, waitForLine } from '../support/spawn';

/**
 * A lease names the process holding it: an instance started on the same machine in place of one that
 * was killed takes over at once what the killed one held (its chats, its channel, the entry it was
 * sending), rather than wait for the leases to run out; a live holder, a holder on another machine,
 * and a lease handed over until a given time keep theirs. Linux, where /proc tells a process's start.
 */
jest.setTimeout(60_000);

const db = useTestDatabase();
const describeOnLinux = thisProcess ? describe : describe.skip;
const MINUTE = 60_000;

/** Another instance, as a real process, that takes `key` for a minute (see the script). */
async function holderProcess(key: string, mode?: 'hand-over') {
  // Node itself, not the tsx command (which runs the script as a child of its own): the kill must
  // reach the holder.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'test/support/lease-holder-process.ts'),
      db.uri,
      db.name,
      key,
      String(MINUTE),
      ...(mode ? [mode] : []),
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME } },
  );
  const done = finished(child);
  await waitForLine(child, mode ? /handed over/ : /holding/);
  return { child, done };
}

describeOnLinux('a lease whose holder died', () => {
  it('is taken over at once once its holder on this machine was killed, and not while it lives', async () => {
    const { child, done } = await holderProcess('sender:telegram');
    expect(await acquireLease(db.models, 'sender:telegram', new Date(), MINUTE)).toBeUndefined();
    expect(await leaseTaken(db.models, 'sender:telegram', new Date())).toBe(true);

    child.kill('SIGKILL');
    await done;
    // A minute before the lease runs out.
    expect(await leaseTaken(db.models, 'sender:telegram', new Date())).toBe(false);
    expect(await acquireLease(db.models, 'sender:telegram', new Date(), MINUTE)).toBeDefined();
  });

  it('is not taken from a holder of another machine, whose pids say nothing here', async () => {
    const until = new Date(Date.now() + MINUTE);
    await db.models.leases.create({
      _id: 'chat:telegram:1001',
      token: 'another-machine',
      until,
      // A pid that no process has here: on another machine, it may well run.
      holder: { machine: 'another-boot/pid:[4026531836]', pid: 2 ** 22 + 1, startedAt: 1 },
    });
    expect(await acquireLease(db.models, 'chat:telegram:1001', new Date(), MINUTE)).toBeUndefined();
    expect(
      await acquireLease(db.models, 'chat:telegram:1001', new Date(until.getTime() + 1), MINUTE),
    ).toBeDefined();
  });

  it('is taken at once when its pid now belongs to a process started after the holder', async () => {
    if (!thisProcess) throw new Error('unreachable: the suite runs on Linux only');
    // The holder's pid is this test's own, given to it after the holder (started a tick earlier) ended.
    await db.models.leases.create({
      _id: 'outbox:reply:1',
      token: 'pid-reused',
      until: new Date(Date.now() + MINUTE),
      holder: { ...thisProcess, startedAt: thisProcess.startedAt - 1 },
    });
    expect(await acquireLease(db.models, 'outbox:reply:1', new Date(), MINUTE)).toBeDefined();
  });

  it('runs its time when handed over until then by a holder that ended (a sender’s quiet)', async () => {
    const { done } = await holderProcess('sender:whatsapp-cloud', 'hand-over');
    expect((await done).code).toBe(0);
    expect(await acquireLease(db.models, 'sender:whatsapp-cloud', new Date(), MINUTE)).toBeUndefined();
    expect(
      await acquireLease(db.models, 'sender:whatsapp-cloud', new Date(Date.now() + MINUTE + 1), MINUTE),
    ).toBeDefined();
  });

  it('lets the sweep take at once the messages a process that died had stored, and not those of a living one', async () => {
    if (!thisProcess) throw new Error('unreachable: the suite runs on Linux only');
    const now = new Date();
    const waiting = (chatId: string, acceptedBy: typeof thisProcess) => ({
      _id: `simulator:${chatId}-1`,
      channel: 'simulator',
      chatId,
      receivedAt: now,
      order: 1,
      payload: {
        channel: 'simulator',
        chatId,
        platformMessageId: `${chatId}-1`,
        receivedAt: now,
        text: 'halo',
      },
      acceptedBy,
    });
    await db.models.inboundQueue.create([
      // Stored a moment ago by a process whose pid a later one has now: it died.
      waiting('+6281200001111', { ...thisProcess, startedAt: thisProcess.startedAt - 1 }),
      // Stored a moment ago by this living process: still in its own request's hands.
      waiting('+6281200002222', thisProcess),
    ]);
    const lease = new Date(now.getTime() - 15_000);
    expect(await chatsWaitingSince(db.models, lease, now)).toEqual([
      { channel: 'simulator', chatId: '+6281200001111' },
    ]);
    // Both, once a lease old.
    expect(await chatsWaitingSince(db.models, new Date(now.getTime() + 1), now)).toHaveLength(2);
  });
});
