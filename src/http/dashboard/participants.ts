import type { ApiDependencies } from '../api/v1/dependencies';
import { participantDetailPage } from './participant-detail';
import { participantEditPages } from './participant-edit';
import { participantListPage } from './participant-list';

/** The participants' pages: the list, one participant, and the form that changes their record. */
export function participantPages(dependencies: ApiDependencies) {
  const edit = participantEditPages(dependencies);
  return {
    list: participantListPage(dependencies),
    detail: participantDetailPage(dependencies),
    editForm: edit.show,
    edit: edit.submit,
  };
}
