import type { ApiDependencies } from '../api/v1/dependencies';
import { participantDetailPage } from './participant-detail';
import { participantEditPages } from './participant-edit';
import { participantListPage } from './participant-list';
import { participantPrivacyPages } from './participant-privacy';
import { participantStatusPages } from './participant-status';

/** The participants' pages: the list, one participant, the form that changes their record, their status, their data rights. */
export function participantPages(dependencies: ApiDependencies) {
  const edit = participantEditPages(dependencies);
  return {
    list: participantListPage(dependencies),
    detail: participantDetailPage(dependencies),
    editForm: edit.show,
    edit: edit.submit,
    privacy: participantPrivacyPages(dependencies),
    status: participantStatusPages(dependencies),
  };
}
