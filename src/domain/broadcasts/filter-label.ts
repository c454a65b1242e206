import { say, type Language } from '../../i18n';
import { formatIsoWeek } from '../display';
import { CLUSTER_LABELS, STAGE_LABELS } from '../program';
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
  const parts = [
    filter.kecamatan && say('broadcast.kecamatan', language, { name: filter.kecamatan }),
    filter.cluster && say('broadcast.cluster', language, { name: CLUSTER_LABELS[filter.cluster] }),
    filter.stage && say('broadcast.stage', language, { name: STAGE_LABELS[filter.stage] }),
    filter.notReportedWeek &&
      say('broadcast.notReported', language, { week: formatIsoWeek(filter.notReportedWeek, language) }),
    filter.session && say('broadcast.invited', language, { session: sessionTopic ?? filter.session }),
  ].filter((part): part is string => Boolean(part));
  if (parts.length > 0) return parts.join(' · ');
  return say('broadcast.everyone', language);
}
