import { recordAudit, setPassword } from '../auth';
import { openDatabase } from '../db';
import { loadEnvironmentOrExit } from '../environment';
import { runCommand } from './run';

const USAGE =
  'Pemakaian / usage: npm run account -- set-password <no. HP atau e-mail> < file-berisi-kata-sandi';

/**
 * Sets a staff member's or mentor's password for the dashboard and the API, read from standard input
 * (never from the command line, which other users of the machine and the shell history can read).
 * Exit 0 when set, 2 when the arguments, the password or the account are wrong.
 */
async function main(argv: string[]): Promise<number> {
  const [command, login, ...rest] = argv;
  if (command !== 'set-password' || !login || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  if (process.stdin.isTTY) console.error('Ketik kata sandi lalu Enter / Type the password, then Enter:');
  const password = (await readStandardInput()).replace(/\r?\n$/, '');
  const config = loadEnvironmentOrExit();
  const database = await openDatabase(config, (message) => console.error(message));
  try {
    const outcome = await setPassword(database.models, login, password);
    if (!outcome.ok) {
      console.error(outcome.message);
      return 2;
    }
    await recordAudit(
      database.models,
      {
        actor: 'cli',
        action: 'account.set_password',
        target: `${outcome.account.kind}:${outcome.account.id}`,
      },
      new Date(),
    );
    console.log(
      `Kata sandi ${outcome.account.name} disimpan / password set; sesi lama diakhiri / old sessions ended`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** The first line of standard input: a password piped in, or typed at the terminal. */
async function readStandardInput(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0] ?? '';
}

runCommand('account', () => main(process.argv.slice(2)));
