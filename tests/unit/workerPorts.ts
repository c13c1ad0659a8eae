import { afterEach } from 'vitest';
import { createMatcherClient, type MatcherClient, type Port } from '../../src/features/answers/sharedMatcher';

/**
 * Frames' connections to a session worker served in this process (matcherServer.ts): each is the
 * two ends of a real message channel, so every message is cloned as a browser does. Call it in a
 * describe block; the channels close after each test.
 */
export function workerPorts(): (serve: (port: Port) => void) => MatcherClient {
  const channels: MessageChannel[] = [];
  afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));
  return (serve) => {
    const channel = new MessageChannel();
    channels.push(channel);
    serve(channel.port1);
    return createMatcherClient(channel.port2);
  };
}
