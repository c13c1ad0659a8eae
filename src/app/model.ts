import { effect } from '@preact/signals';

/**
 * Runs `cleanup` when the model being built is disposed: inside a `createModel` factory every
 * effect belongs to the model, so a listener or a timer is released with the model's effects.
 */
export function onDispose(cleanup: () => void): void {
  effect(() => cleanup);
}
