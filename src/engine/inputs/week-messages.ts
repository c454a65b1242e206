import { text, type LocalizedText } from '../../i18n';

/** What the person reads when a week was not understood or cannot be reported. */

export const weekNotUnderstood = (example: string): LocalizedText =>
  text('input.weekNotUnderstood', { example });

export const noSuchDate = (written: string, example: string): LocalizedText =>
  text('input.noSuchDate', { written, example });

export const noSuchWeek = (year: number, week: number, example: string): LocalizedText =>
  text('input.noSuchWeek', { year, week, example });

export const FUTURE_WEEK = text('input.futureWeek');

/** `28/12` typed in early January is in the future this year; the person may mean last year. */
export const futureDateWithoutYear = (withLastYear: string): LocalizedText =>
  text('input.futureDateWithoutYear', { futureWeek: FUTURE_WEEK, withLastYear });

export const tooOld = (maxWeeksAgo: number): LocalizedText => text('input.weekTooOld', { maxWeeksAgo });
