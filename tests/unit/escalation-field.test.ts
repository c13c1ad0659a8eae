import { describe, expect, it } from 'vitest';
import { escalationFieldId } from '../../src/host/api/escalation';
import type { HostClient } from '../../src/host/client';

/** A host whose `requirement:escalation_status` lookup fails `failures` times, then answers. */
function hostFailing(failures: number) {
  let calls = 0;
  const host = {
    async get() {
      calls++;
      if (calls <= failures) throw new Error('requirement lookup failed');
      return { 'requirement:escalation_status': { requirement_id: '360001' } };
    },
  } as unknown as HostClient;
  return { host, calls: () => calls };
}

describe('escalationFieldId', () => {
  it('asks Zendesk once per host client, however many ask at once or later', async () => {
    const { host, calls } = hostFailing(0);
    expect(await Promise.all([escalationFieldId(host), escalationFieldId(host)])).toEqual([360001, 360001]);
    expect(await escalationFieldId(host)).toBe(360001);
    expect(calls()).toBe(1);
    // Another app instance (another host client) asks for itself.
    const other = hostFailing(0);
    await escalationFieldId(other.host);
    expect(other.calls()).toBe(1);
  });

  it('forgets a failed lookup, so the next call asks again', async () => {
    const { host, calls } = hostFailing(1);
    await expect(escalationFieldId(host)).rejects.toThrow('requirement lookup failed');
    expect(await escalationFieldId(host)).toBe(360001);
    expect(calls()).toBe(2);
  });
});
