import type { ApiDependencies } from '../api/v1/dependencies';
import { participantDetailPage } from './participant-detail';
import { participantEditPages } from './participant-edit';
import { participantExport } from './participant-export';
import { participantListPage } from './participant-list';
import { participantPrivacyPages } from './participant-privacy';

/** The participants' pages: the list, one participant, the form that changes their record, their data rights (adding one, their status and mentors are declared pages). */
export function participantPages(dependencies: ApiDependencies) {
  const edit = participantEditPages(dependencies);
  return {
    list: participantListPage(dependencies),
    download: participantExport(dependencies),
    detail: participantDetailPage(dependencies),
    editForm: edit.show,
    edit: edit.submit,
    privacy: participantPrivacyPages(dependencies),
  };
}
