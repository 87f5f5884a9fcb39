import { InputError, InputErrors } from '../core/errors.ts';

/** How many examples of bad rows (and of duplicate rows) a report keeps; the rest are counted. */
export const MAX_LISTED = 20;

/**
 * The bad rows of one file. Reading goes on after a bad row, so one run names every kind of problem, but only
 * the first `MAX_LISTED` are kept (and the total counted): a file of a million bad rows costs no more memory
 * than one of twenty.
 */
export class InputErrorLog {
  readonly examples: InputError[] = [];
  count = 0;

  add(error: InputError): void {
    this.count++;
    if (this.examples.length < MAX_LISTED) this.examples.push(error);
  }

  /**
   * Runs a row's checks: an `InputError` they throw is recorded (and `undefined` returned), anything else
   * propagates.
   */
  check<T>(read: () => T): T | undefined {
    // Once the examples are full, further errors are only counted: skip capturing their stack traces, which
    // is most of the cost of a file where every row is bad. `read` is synchronous, so nothing else runs
    // while the limit is lowered.
    const stackTraceLimit = Error.stackTraceLimit;
    if (this.examples.length >= MAX_LISTED) Error.stackTraceLimit = 0;
    try {
      return read();
    } catch (error) {
      if (error instanceof InputError) {
        this.add(error);
        return undefined;
      }
      throw error;
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }

  /** A problem that stops reading (a cap reached, unreadable CSV): returned with the errors found before it. */
  fatal(error: InputError): InputError {
    this.add(error);
    return this.combined() as InputError;
  }

  /** Throws what was recorded, if anything: one error as it is, several as one `InputErrors`. */
  throwIfAny(): void {
    const error = this.combined();
    if (error) throw error;
  }

  private combined(): InputError | undefined {
    if (this.count === 0) return undefined;
    if (this.count === 1) return this.examples[0];
    return new InputErrors(this.examples, this.count);
  }
}
