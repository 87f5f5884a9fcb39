/**
 * Typed errors of DTM Atlas. Code anywhere throws these; the HTTP layer turns them into statuses in one
 * place (`functions/http/errors.ts`), and the CLI prints their message.
 */
export type ErrorKind = 'bad_request' | 'not_found' | 'unavailable' | 'invalid_input' | 'conflict';

export class AtlasError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AtlasError';
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new AtlasError('bad_request', message, details);

export const notFound = (message: string, details?: Record<string, unknown>) =>
  new AtlasError('not_found', message, details);

export const unavailable = (message: string, details?: Record<string, unknown>) =>
  new AtlasError('unavailable', message, details);

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AtlasError('conflict', message, details);

/** Where in an input file a problem sits: every input error names file, row and field. */
export interface InputLocation {
  file: string;
  row?: number;
  field?: string;
}

/** Bad input file. The message always reads "<file>, row <n>, column <field>: <problem>". */
export class InputError extends AtlasError {
  constructor(
    readonly location: InputLocation,
    readonly problem: string,
    extra: Record<string, unknown> = {},
  ) {
    super('invalid_input', `${formatLocation(location)}: ${problem}`, { ...location, problem, ...extra });
    this.name = 'InputError';
  }
}

/**
 * Several bad rows in one file. The message names the first (file, row, column) and the total; the details
 * list the first few (`errors`, each with file, row, field and problem) and `errorCount`.
 */
export class InputErrors extends InputError {
  constructor(
    readonly errors: readonly InputError[],
    readonly count: number,
  ) {
    const [first] = errors;
    if (!first) throw new Error('InputErrors needs at least one error');
    const more = count - 1;
    super(
      first.location,
      `${first.problem}; ${more.toLocaleString('en-GB')} more ${more === 1 ? 'error' : 'errors'} in the file (${count.toLocaleString('en-GB')} in all, the first ${errors.length} listed)`,
      { errorCount: count, errors: errors.map((error) => error.details) },
    );
    this.name = 'InputErrors';
  }
}

function formatLocation({ file, row, field }: InputLocation): string {
  return [
    file,
    row !== undefined ? `row ${row}` : undefined,
    field !== undefined ? `column "${field}"` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}
