/**
 * Faults the tests inject per endpoint, and the count of every call. An endpoint is named
 * like `help_center.search` or `tickets.update` (see routes.ts); `*` matches every endpoint.
 */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: number; body?: unknown }
  | { kind: 'timeout' }
  | { kind: 'malformed' }
  | { kind: 'wrong_shape' };

export interface FaultRule {
  endpoint: string;
  fault: Fault;
  /** How many calls it affects; unlimited when absent. */
  times?: number;
  /** Also fault the workspace's own calls (the host page), not only the app's. Off by default. */
  includeWorkspace?: boolean;
}

export interface CallRecord {
  endpoint: string;
  method: string;
  path: string;
  at: number;
  /** The app location that made the call through client.request, or null for the workspace itself. */
  app: string | null;
  /** The JSON body sent, for the API contract check (null when none). */
  body: unknown;
  /** What the playground answered; null until it does (or when it never does). */
  response: { status: number; body?: unknown } | null;
  /** The injected fault that replaced the answer, if any: such answers are not Zendesk's. */
  fault: Fault['kind'] | null;
}

export class FaultBook {
  private rules: FaultRule[] = [];
  calls: CallRecord[] = [];

  add(rule: FaultRule) {
    this.rules.push({ ...rule });
  }

  clear() {
    this.rules = [];
  }

  record(call: CallRecord) {
    this.calls.push(call);
  }

  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of this.calls) counts[call.endpoint] = (counts[call.endpoint] ?? 0) + 1;
    return counts;
  }

  /** The faults that apply to this call, consuming one use of each limited rule. */
  take(endpoint: string, fromApp: boolean): Fault[] {
    const applied: Fault[] = [];
    for (const rule of this.rules) {
      if (rule.endpoint !== endpoint && rule.endpoint !== '*') continue;
      if (!fromApp && !rule.includeWorkspace) continue;
      if (rule.times !== undefined) {
        if (rule.times <= 0) continue;
        rule.times -= 1;
      }
      applied.push(rule.fault);
    }
    return applied;
  }
}
