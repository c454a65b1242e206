import { parsePuskesosService, PUSKESOS_SERVICES, type PuskesosService } from '../program';
import { listCell } from './cells';
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
}

export function parsePuskesosRow(reader: RowReader<PuskesosColumn>): RowResult<PuskesosRow> {
  const name = reader.required('nama');
  const desa = placeName(reader.required('desa'));
  const kecamatan = placeName(reader.required('kecamatan'));
  const services: PuskesosService[] = [];
  for (const entry of listCell(reader.cell('layanan'))) {
    const service = parsePuskesosService(entry);
    if (service) services.push(service);
    else reader.problem('layanan', `"${entry}" tidak dikenal; pilih dari: ${PUSKESOS_SERVICES.join(', ')}`);
  }
  if (!reader.valid) return reader.failure();
  return { ok: true, value: { row: reader.row, name, desa, kecamatan, services: [...new Set(services)] } };
}
