import type { ApiDependencies } from '../api/v1/dependencies';
import { participantDetailPage } from './participant-detail';
import { participantExport } from './participant-export';

/** The participants' pages: their file, one participant (their data rights, the list, adding one, changing their record, their status and mentors are declared pages). */
export function participantPages(dependencies: ApiDependencies) {
  return {
    download: participantExport(dependencies),
    detail: participantDetailPage(dependencies),
  };
}
