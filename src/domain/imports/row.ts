import { say } from '../../i18n';
import { cellText, type Cell } from './cells';
import type { Result } from '../result';

/** One reason a row was refused, with the column as headed in the file. */
export interface RowProblem {
  row: number;
  column?: string;
  reason: string;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; problems: RowProblem[] };

/**
 * Reads the cells of one data row by canonical column and collects every problem, so that a row
 * with three mistakes is reported with three reasons at once.
 */
export class RowReader<K extends string> {
  readonly problems: RowProblem[] = [];

  constructor(
    readonly row: number,
    private readonly cells: ReadonlyMap<K, Cell>,
    private readonly headings: ReadonlyMap<K, string>,
  ) {}

  cell(column: K): Cell {
    return this.cells.get(column);
  }

  text(column: K): string {
    return cellText(this.cells.get(column));
  }

  /** The text of a required column; an empty one is a problem. */
  required(column: K): string {
    const text = this.text(column);
    if (text === '') this.problem(column, say('import.required', 'id'));
    return text;
  }

  /** Applies a parser to a non-empty cell; empty gives undefined, failure records the reason. */
  optional<T>(column: K, parse: (cell: Cell) => Result<T>): T | undefined {
    if (this.text(column) === '') return undefined;
    const result = parse(this.cells.get(column));
    if (result.ok) return result.value;
    this.problem(column, result.reason);
    return undefined;
  }

  /** Applies a parser to a required cell. */
  requiredParsed<T>(column: K, parse: (cell: Cell) => Result<T>): T | undefined {
    return this.required(column) === '' ? undefined : this.optional(column, parse);
  }

  /** Looks a word up in a vocabulary; unknown words are reported with the accepted ones. */
  vocabulary<T>(
    column: K,
    lookup: (text: string) => T | undefined,
    accepted: string,
    isRequired = true,
  ): T | undefined {
    const text = isRequired ? this.required(column) : this.text(column);
    if (text === '') return undefined;
    const value = lookup(text);
    if (value === undefined)
      this.problem(column, say('import.unknownChoice', 'id', { given: text, accepted }));
    return value;
  }

  problem(column: K | undefined, reason: string): void {
    this.problems.push({
      row: this.row,
      ...(column ? { column: this.headings.get(column) ?? column } : {}),
      reason,
    });
  }

  get valid(): boolean {
    return this.problems.length === 0;
  }

  failure(): { ok: false; problems: RowProblem[] } {
    return { ok: false, problems: this.problems };
  }
}
