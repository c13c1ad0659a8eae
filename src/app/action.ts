import { signal, type ReadonlySignal, type Signal } from '@preact/signals';

/**
 * How a user action ended: done, a conflict with what someone else did meanwhile (`current` is
 * their version), refused by a rule (`reason` is a translation key, `vars` its values), or failed with an error
 * (an AppError or a host error: ui/errorMessage has the words for both).
 */
export type Outcome<T = void, C = never> =
  | { kind: 'done'; value: T }
  | { kind: 'conflict'; current: C }
  | { kind: 'refused'; reason: string; vars?: Record<string, string | number> }
  | { kind: 'failed'; error: unknown };

export const done = <T = void>(value: T = undefined as T): Outcome<T, never> => ({ kind: 'done', value });
export const conflict = <C>(current: C): Outcome<never, C> => ({ kind: 'conflict', current });
export const refused = (reason: string, vars?: Record<string, string | number>): Outcome<never, never> =>
  vars ? { kind: 'refused', reason, vars } : { kind: 'refused', reason };

/** What a panel's status line shows: the last outcome of any of its actions, and the key that says it was done. */
export interface Report {
  outcome: Outcome<unknown, unknown>;
  done: string;
  conflict?: string;
}

export interface Action<A extends unknown[], T = void, C = never> {
  /** True while a run is under way: views disable their buttons with it. */
  readonly busy: ReadonlySignal<boolean>;
  /** How the last run ended, null before the first. */
  readonly outcome: ReadonlySignal<Outcome<T, C> | null>;
  /** Runs the action; an exception becomes a `failed` outcome, so callers never need a try. */
  run(...args: A): Promise<Outcome<T, C>>;
}

interface ActionOptions<T> {
  /** The panel's status line, told of every outcome. */
  report?: Signal<Report | null>;
  /** The translation key that says the action was done. */
  done?: string | ((value: T) => string);
  /** The translation key that says someone else changed it meanwhile. */
  conflict?: string;
}

/** One user action: `work` returns its outcome, or throws, which is a failure. */
export function createAction<A extends unknown[], T = void, C = never>(
  work: (...args: A) => Promise<Outcome<T, C>>,
  { report, done: doneKey = '', conflict: conflictKey }: ActionOptions<T> = {},
): Action<A, T, C> {
  const busy = signal(false);
  const outcome = signal<Outcome<T, C> | null>(null);
  return {
    busy,
    outcome,
    async run(...args) {
      busy.value = true;
      outcome.value = null;
      if (report) report.value = null;
      let result: Outcome<T, C>;
      try {
        result = await work(...args);
      } catch (error) {
        result = { kind: 'failed', error };
      }
      busy.value = false;
      outcome.value = result;
      if (report) {
        const key = typeof doneKey === 'string' ? doneKey : result.kind === 'done' ? doneKey(result.value) : '';
        report.value = { outcome: result, done: key, conflict: conflictKey };
      }
      return result;
    },
  };
}
