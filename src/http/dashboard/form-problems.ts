import { html, type SafeHtml } from './html';
import type { Translate } from './language';

/** One field a form refused: where it is on the page, what it is called, and what was wrong. */
export interface FieldProblem {
  field: string;
  label: string;
  problem: string;
}

/**
 * The summary above a refused form: nothing was saved, and each field with its problem, linked to
 * the field (`#field-<name>`) so that a screen reader or a phone can go straight to it.
 */
export function problemSummary(t: Translate, problems: readonly FieldProblem[]): SafeHtml | '' {
  if (problems.length === 0) return '';
  return html`<div class="flash error" role="alert">
    <p>${t('Data belum disimpan. Periksa isian berikut:', 'Nothing was saved. Check these fields:')}</p>
    <ul>
      ${problems.map(
        ({ field, label, problem }) => html`<li><a href="#field-${field}">${label}</a>: ${problem}</li>`,
      )}
    </ul>
  </div>`;
}
