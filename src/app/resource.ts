import { signal, type ReadonlySignal } from '@preact/signals';

export type ResourceState<T> =
  { status: 'idle' } | { status: 'loading'; data?: T } | { status: 'ready'; data: T } | { status: 'error'; error: unknown; data?: T };

export interface Resource<T> {
  readonly state: ReadonlySignal<ResourceState<T>>;
  /**
   * Runs `load`; a result that arrives after a newer run started is dropped. A first read may `show`
   * what it has so far (a long list's first pages); a reload keeps the last good data instead.
   */
  run(load: (show: (partial: T) => void) => Promise<T>): Promise<void>;
}

/** Async data as a signal, keeping the last good data visible while reloading or after a failure. */
export function createResource<T>(): Resource<T> {
  const state = signal<ResourceState<T>>({ status: 'idle' });
  let generation = 0;
  // peek(): a run started inside an effect must not subscribe that effect to this resource.
  const lastData = () => {
    const current = state.peek();
    return 'data' in current ? current.data : undefined;
  };
  return {
    state,
    async run(load) {
      const mine = ++generation;
      const previous = lastData();
      state.value = previous === undefined ? { status: 'loading' } : { status: 'loading', data: previous };
      const show = (partial: T) => {
        if (mine === generation && previous === undefined) state.value = { status: 'loading', data: partial };
      };
      try {
        const data = await load(show);
        if (mine === generation) state.value = { status: 'ready', data };
      } catch (error) {
        if (mine !== generation) return;
        const kept = lastData();
        state.value = kept === undefined ? { status: 'error', error } : { status: 'error', error, data: kept };
      }
    },
  };
}
