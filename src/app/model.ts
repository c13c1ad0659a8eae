import { useEffect, useState } from 'preact/hooks';

/** What the model being built releases when it is disposed; null outside `buildModel`. */
let releasing: (() => void)[] | null = null;

/**
 * Releases `cleanup` (an effect's disposer, a listener, a timer) with the model being built.
 * Models own what they start, so no view has to remember to stop it.
 */
export function onDispose(cleanup: () => void): void {
  releasing?.push(cleanup);
}

/** Builds a model (and the models it composes); `dispose` releases everything they registered. */
export function buildModel<T extends object>(build: () => T): T & { dispose: () => void } {
  const outer = releasing;
  const mine: (() => void)[] = (releasing = []);
  try {
    return Object.assign(build(), { dispose: () => mine.splice(0).forEach((release) => release()) });
  } finally {
    releasing = outer;
  }
}

/** A model for the life of a component: built on first render, disposed on unmount. */
export function useModel<T extends object>(build: () => T): T {
  const [model] = useState(() => buildModel(build));
  useEffect(() => model.dispose, [model]);
  return model;
}
