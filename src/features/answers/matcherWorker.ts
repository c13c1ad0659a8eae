/// <reference lib="webworker" />
import { createMatcherServer } from './matcherServer';

/** The shared worker that holds the session's matcher for every frame of the app (sharedMatcher.ts, matcherServer.ts). */
declare const self: SharedWorkerGlobalScope;

const serve = createMatcherServer();
self.onconnect = (event) => {
  const port = event.ports[0];
  if (port) serve(port);
};
