import { formatIsoWeek } from '../display';
import { CLUSTER_LABELS, STAGE_LABELS, type Language } from '../program';
import type { BroadcastFilter } from './audience';

/**
 * The filter in words, for the preview, the lists and the broadcast's record: "Kecamatan Cililin ·
 * belum lapor minggu 16-22 Nov 2026", or all active participants when nothing narrows it.
 */
export function describeFilter(
  filter: BroadcastFilter,
  sessionTopic: string | undefined,
  language: Language,
): string {
  const english = language === 'en';
  const parts = [
    filter.kecamatan && `Kecamatan ${filter.kecamatan}`,
    filter.cluster && `${english ? 'Cluster' : 'Klaster'} ${CLUSTER_LABELS[filter.cluster]}`,
    filter.stage && `${english ? 'Stage' : 'Tahap'} ${STAGE_LABELS[filter.stage]}`,
    filter.notReportedWeek &&
      `${english ? 'not reported for the week of' : 'belum lapor minggu'} ${formatIsoWeek(filter.notReportedWeek, language)}`,
    filter.session &&
      `${english ? 'invited to the session' : 'diundang ke sesi'} "${sessionTopic ?? filter.session}"`,
  ].filter((part): part is string => Boolean(part));
  if (parts.length > 0) return parts.join(' · ');
  return english ? 'All active participants' : 'Semua peserta aktif';
}
