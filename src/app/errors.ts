/**
 * A failure above the host layer that the user is told about: `key` is its translation key
 * (ui/errorMessage says it). The class name is for logs and tests only, never shown.
 */
export class AppError extends Error {
  constructor(
    readonly key: string,
    readonly vars?: Record<string, string | number>,
  ) {
    super(key);
    this.name = new.target.name;
  }
}

/** An action run without what it acts on (a slip of the view): said as the generic failure. */
export function unexpected(): never {
  throw new AppError('ui.common.error_generic');
}
