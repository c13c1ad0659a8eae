/**
 * Typed failures of the host layer. Views turn them into one translated message
 * (see ui/errorMessage.ts); nothing outside host/ needs to know how the SDK reports them.
 */
export class HostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A `get`, `set` or `invoke` path the host refused (the SDK's per-path `errors`). */
export class HostPathError extends HostError {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`"${path}": ${message}`);
  }
}

/** The host (or the API behind it) did not answer in time. */
export class HostTimeoutError extends HostError {
  constructor(readonly operation: string) {
    super(`Timed out: ${operation}`);
  }
}

/** A write timed out and the record could not be read again: Zendesk may or may not have applied it. */
export class WriteUncertainError extends HostError {
  constructor(readonly operation: string) {
    super(`Timed out, outcome unknown: ${operation}`);
  }
}

/** A write timed out and a fresh read shows Zendesk did not apply it: safe to try again. */
export class WriteNotAppliedError extends HostError {
  constructor(readonly operation: string) {
    super(`Timed out, not applied: ${operation}`);
  }
}

/** The host answered with data of the wrong shape. */
export class InvalidPayloadError extends HostError {
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`Unexpected data from ${source}: ${issues.slice(0, 3).join('; ')}`);
  }
}

/** A list has more pages than the app reads (see host/api/pages.ts); nothing partial is returned. */
export class TooManyPagesError extends HostError {
  constructor(
    readonly source: string,
    readonly pages: number,
  ) {
    super(`More than ${pages} pages from ${source}`);
  }
}

/** A custom object record would be larger than Zendesk stores; it was not sent. */
export class RecordTooLargeError extends HostError {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`Record of ${bytes} bytes is over Zendesk's ${maxBytes}`);
  }
}

/** A REST call through `client.request` failed with an HTTP status (0 = no response). */
export class ApiError extends HostError {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly retryAfterSeconds: number | null = null,
    readonly body: unknown = null,
  ) {
    super(`HTTP ${status} from ${url}`);
  }

  get isConflict(): boolean {
    return this.status === 409;
  }
}
