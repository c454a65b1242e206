import { say } from '../../i18n';
import { parsePuskesosService, PUSKESOS_SERVICES, type PuskesosService } from '../program';
import { fail, ok, type Result } from '../result';
import { cellText, listCell, type Cell } from './cells';
import type { puskesosColumns } from './columns';
import { placeName } from './participant-row';
import type { RowReader, RowResult } from './row';

export type PuskesosColumn = keyof typeof puskesosColumns;

export interface PuskesosRow {
  row: number;
  name: string;
  desa: string;
  kecamatan: string;
  services: PuskesosService[];
  /** Other desa whose residents this Puskesos serves; absent when the file does not say. */
  servedDesa?: string[] | undefined;
  sla: { acknowledgeWorkingDays?: number; answerWorkingDays?: number };
}

/** A complaint deadline in working days: a whole number from 1 to 30. */
function workingDays(cell: Cell): Result<number> {
  const days = Number(cellText(cell));
  return Number.isInteger(days) && days >= 1 && days <= 30
    ? ok(days)
    : fail(say('import.notWorkingDays', 'id', { given: cellText(cell) }));
}

export function parsePuskesosRow(reader: RowReader<PuskesosColumn>): RowResult<PuskesosRow> {
  const name = reader.required('nama');
  const desa = placeName(reader.required('desa'));
  const kecamatan = placeName(reader.required('kecamatan'));
  const services: PuskesosService[] = [];
  for (const entry of listCell(reader.cell('layanan'))) {
    const service = parsePuskesosService(entry);
    if (service) services.push(service);
    else
      reader.problem(
        'layanan',
        say('import.unknownService', 'id', { given: entry, accepted: PUSKESOS_SERVICES.join(', ') }),
      );
  }
  const served = listCell(reader.cell('desa_layanan')).map(placeName);
  const acknowledgeWorkingDays = reader.optional('sla_tanggap_hari', workingDays);
  const answerWorkingDays = reader.optional('sla_jawab_hari', workingDays);
  if (acknowledgeWorkingDays && answerWorkingDays && acknowledgeWorkingDays > answerWorkingDays) {
    reader.problem('sla_jawab_hari', say('import.answerBeforeResponse', 'id'));
  }
  if (!reader.valid) return reader.failure();
  return {
    ok: true,
    value: {
      row: reader.row,
      name,
      desa,
      kecamatan,
      services: [...new Set(services)],
      servedDesa: served.length > 0 ? [...new Set(served)] : undefined,
      sla: {
        ...(acknowledgeWorkingDays ? { acknowledgeWorkingDays } : {}),
        ...(answerWorkingDays ? { answerWorkingDays } : {}),
      },
    },
  };
}
