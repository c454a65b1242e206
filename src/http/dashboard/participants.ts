import type { ApiDependencies } from '../api/v1/dependencies';
import { participantDetailPage } from './participant-detail';
import { participantExport } from './participant-export';
import { participantListPage } from './participant-list';
import { participantPrivacyPages } from './participant-privacy';

/** The participants' pages: the list, one participant, their data rights (adding one, changing their record, their status and mentors are declared pages). */
export function participantPages(dependencies: ApiDependencies) {
  return {
    list: participantListPage(dependencies),
    download: participantExport(dependencies),
    detail: participantDetailPage(dependencies),
    privacy: participantPrivacyPages(dependencies),
  };
}
