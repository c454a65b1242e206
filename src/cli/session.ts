import { parseArgs } from 'node:util';
import { Types } from 'mongoose';
import { openDatabase } from '../db';
import { instantAt } from '../domain/calendar';
import { normalizePhone } from '../domain/identity';
import { cancelSession, moveSession, planSession, type SessionContext } from '../domain/sessions';
import { loadEnvironmentOrExit } from '../environment';
import { nextAllowedTime } from '../scheduler';
import { runCommand } from './run';

const USAGE = `Pemakaian / usage:
  npm run session -- plan --mentor <no. HP> --at "2026-12-03 09:00" --place "Balai Desa" --topic "Pembukuan" --kecamatan Cililin
  npm run session -- move --id <session id> --at "2026-12-04 14:00"
  npm run session -- cancel --id <session id> [--reason "balai desa dipakai"]`;

/** `2026-12-03 09:00` in the program's time zone. */
function localTime(text: string | undefined, timeZone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text ?? '');
  if (!match) return undefined;
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
  return instantAt(day, Number(match[4]), Number(match[5]), timeZone);
}

/** Plans, moves or cancels a mentoring session; participants get the invitation and reminders by chat. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mentor: { type: 'string' },
      at: { type: 'string' },
      place: { type: 'string' },
      topic: { type: 'string' },
      kecamatan: { type: 'string' },
      id: { type: 'string' },
      reason: { type: 'string' },
    },
  });
  const config = loadEnvironmentOrExit();
  const command = positionals[0];
  const at = localTime(values.at, config.DEFAULT_TIMEZONE);
  const sessionId =
    values.id && Types.ObjectId.isValid(values.id) ? new Types.ObjectId(values.id) : undefined;
  const mentorPhone = normalizePhone(values.mentor ?? '');
  const valid =
    (command === 'plan' && mentorPhone.ok && at && values.place && values.topic && values.kecamatan) ||
    (command === 'move' && sessionId && at) ||
    (command === 'cancel' && sessionId);
  if (!valid) {
    console.error(USAGE);
    return 2;
  }
  const now = new Date();
  const context: SessionContext = {
    now,
    timeZone: config.DEFAULT_TIMEZONE,
    allowedFrom: (due) => nextAllowedTime(due, config.DEFAULT_TIMEZONE, config.QUIET_HOURS),
    fallback: config.SIMULATOR_ENABLED ? 'simulator' : undefined,
  };
  const database = await openDatabase(config, (message) => console.error(message));
  try {
    if (command === 'plan' && mentorPhone.ok && at && values.place && values.topic) {
      const mentor = await database.models.mentors.findOne({ phone: mentorPhone.value }, { _id: 1 }).lean();
      if (!mentor) {
        console.error(`Tidak ada pendamping dengan nomor ${values.mentor} / no mentor with that number`);
        return 2;
      }
      const planned = await planSession(
        database.models,
        {
          mentor: mentor._id,
          startsAt: at,
          place: values.place,
          topic: values.topic,
          kecamatan: values.kecamatan,
        },
        context,
      );
      console.log(
        `sesi / session ${String(planned.sessionId)}: ${planned.invited} pesan diantrekan / messages queued`,
      );
    } else if (command === 'move' && sessionId && at) {
      console.log(
        `${await moveSession(database.models, sessionId, at, context)} pesan diantrekan / messages queued`,
      );
    } else if (sessionId) {
      console.log(
        `${await cancelSession(database.models, sessionId, context, values.reason?.trim() || undefined)} pesan diantrekan / messages queued`,
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand('session', () => main(process.argv.slice(2)));
