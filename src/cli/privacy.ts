import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { recordAudit } from '../auth/audit';
import { openDatabase } from '../db';
import { maskPhone, NikVault, normalizePhone } from '../domain/identity';
import {
  changesNothing,
  eraseHoldings,
  ERASURE_LABELS,
  erasurePlan,
  exportFileStem,
  exportOf,
  exportWorkbook,
  findDataSubject,
  gatherHoldings,
  isErasable,
  type ErasureCounts,
} from '../domain/privacy';
import { loadEnvironmentOrExit } from '../environment';
import { resolveNikKey } from '../secrets';
import { runCommand, usageError } from './run';

const USAGE = [
  'Pemakaian / usage:',
  '  npm run privacy -- export <no. HP> [--out DIR]   semua data orang itu sebagai JSON dan .xlsx / everything held, as JSON and .xlsx',
  '  npm run privacy -- erase <no. HP> [--yes]        hapus data pribadinya; tanpa --yes hanya menampilkan / erase; without --yes only shows what it would do',
  '',
  'Contoh / example: npm run privacy -- export 0812-3456-7890 --out ./ekspor',
].join('\n');

const refuseArguments = usageError(USAGE);

/**
 * The UU PDP rights of one person, found by phone: `export` writes everything held about them,
 * `erase` removes or pseudonymises it (only with `--yes`; otherwise it prints what it would do).
 * Both are audited (actor `cli`). Exit 0 when done, 2 for bad arguments or a record not erased here.
 */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, yes: { type: 'boolean', default: false } },
    });
  } catch (error) {
    return refuseArguments(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [action, phoneText, ...extra] = positionals;
  if (action !== 'export' && action !== 'erase')
    return refuseArguments(
      action ? `Perintah tidak dikenal / unknown action: ${action}` : 'Pilih export atau erase.',
    );
  if (phoneText === undefined) return refuseArguments('Sebutkan nomor HP / give the phone number.');
  if (extra.length > 0) return refuseArguments(`Argumen berlebih / unexpected: ${extra.join(' ')}`);
  if (action === 'erase' && values.out !== undefined)
    return refuseArguments('--out hanya untuk export / only for export');
  if (action === 'export' && values.yes) return refuseArguments('--yes hanya untuk erase / only for erase');
  const phone = normalizePhone(phoneText);
  if (!phone.ok) return refuseArguments(`Nomor HP tidak sah / invalid phone: ${phone.reason}`);

  const config = loadEnvironmentOrExit();
  const now = new Date();
  const database = await openDatabase(config, (message) => console.error(message));
  try {
    const models = database.models;
    const subject = await findDataSubject(models, phone.value);
    const holdings = await gatherHoldings(models, subject);
    const target =
      subject.kind === 'resident' ? `resident:${maskPhone(phone.value)}` : String(subject.record._id);
    console.log(`${maskPhone(phone.value)}: ${subject.kind}`);

    if (action === 'export') {
      const data = exportOf(holdings, now, new NikVault(resolveNikKey(config).key));
      const directory = resolve(values.out ?? '.');
      mkdirSync(directory, { recursive: true });
      const stem = join(directory, exportFileStem(phone.value, now));
      writeFileSync(`${stem}.json`, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
      writeFileSync(`${stem}.xlsx`, await exportWorkbook(data), { mode: 0o600 });
      const counts = Object.entries(data.sections).map(([section, rows]) => `${section} ${rows.length}`);
      await recordAudit(
        models,
        { actor: 'cli', action: 'privacy.export', target, details: { via: 'cli', kind: subject.kind } },
        now,
      );
      console.log(`Tercatat / held: ${counts.join(', ')}`);
      console.log(`Ditulis / written:\n  ${stem}.json\n  ${stem}.xlsx`);
      return 0;
    }

    if (!isErasable(subject)) {
      console.error(
        'Data pendamping dan petugas tidak dihapus lewat perintah ini; keluarkan dulu dari tim lewat impor. / ' +
          'A mentor’s or staff member’s record is not erased here; take them off the team through the import first.',
      );
      return 2;
    }
    const plan = erasurePlan(holdings);
    for (const [field, count] of Object.entries(plan) as [keyof ErasureCounts, number][]) {
      const label = ERASURE_LABELS[field];
      console.log(`  ${String(count).padStart(5)}  ${label.id} / ${label.en}`);
    }
    if (changesNothing(plan)) {
      console.log('Tidak ada lagi yang perlu dihapus / nothing (left) to erase.');
      return 0;
    }
    if (!values.yes) {
      console.log(
        'Uji coba, tidak ada yang diubah; ulangi dengan --yes / dry run, nothing changed; run again with --yes.',
      );
      return 0;
    }
    const done = await eraseHoldings(models, holdings, now);
    await recordAudit(
      models,
      {
        actor: 'cli',
        action: 'privacy.erase',
        target,
        details: { via: 'cli', kind: subject.kind, counts: done },
      },
      now,
    );
    console.log('Dihapus / erased.');
    return 0;
  } finally {
    await database.close();
  }
}

runCommand('privacy', () => main(process.argv.slice(2)), 1);
