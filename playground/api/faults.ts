/**
 * Faults the tests inject per endpoint, and the count of every call. An endpoint is named
 * like `help_center.search` or `tickets.update` (see routes.ts); `*` matches every endpoint.
 */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: number; body?: unknown }
  /** No answer ever comes; with `applied`, the request was carried out first (a write that took effect). */
  | { kind: 'timeout'; applied?: boolean }
  | { kind: 'malformed' }
  | { kind: 'wrong_shape' };

export interface FaultRule {
  endpoint: string;
  fault: Fault;
  /** How many calls it affects; unlimited when absent. */
  times?: number;
  /** How many calls it lets through before it applies (a list's later page, say); none when absent. */
  skip?: number;
  /** Only calls from this app location (`nav_bar`, `ticket_sidebar`, …); any when absent. */
  app?: string;
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
  take(endpoint: string, app: string | null): Fault[] {
    const applied: Fault[] = [];
    for (const rule of this.rules) {
      if (rule.endpoint !== endpoint && rule.endpoint !== '*') continue;
      if (app === null && !rule.includeWorkspace) continue;
      if (rule.app !== undefined && rule.app !== app) continue;
      if (rule.skip) {
        rule.skip -= 1;
        continue;
      }
      if (rule.times !== undefined) {
        if (rule.times <= 0) continue;
        rule.times -= 1;
      }
      applied.push(rule.fault);
    }
    return applied;
  }
}

/** One rate limit: at most `max` accepted requests in any `window_seconds`. */
export interface RateLimit {
  max: number;
  window_seconds: number;
}

/**
 * Zendesk's rate limits on Update Ticket (PUT /api/v2/tickets/{id}): 30 updates per ticket per
 * user in 10 minutes, and 100 requests a minute per account. Tests lower them through the
 * `limits` control.
 */
export interface TicketUpdateLimits {
  ticket_updates_per_user: RateLimit;
  ticket_updates_per_account: RateLimit;
}

const ZENDESK_TICKET_UPDATE_LIMITS: TicketUpdateLimits = {
  ticket_updates_per_user: { max: 30, window_seconds: 600 },
  ticket_updates_per_account: { max: 100, window_seconds: 60 },
};

/** Counts ticket updates in sliding windows and says how long to wait once a limit is reached. */
export class TicketUpdateLimiter {
  limits: TicketUpdateLimits = structuredClone(ZENDESK_TICKET_UPDATE_LIMITS);
  private accepted: { at: number; ticketId: number; userId: number }[] = [];

  configure(limits: Partial<TicketUpdateLimits>) {
    this.limits = { ...this.limits, ...limits };
  }

  reset() {
    this.limits = structuredClone(ZENDESK_TICKET_UPDATE_LIMITS);
    this.accepted = [];
  }

  /**
   * Takes one update of `ticketId` by `userId`: null when it may go ahead (and it is counted),
   * otherwise the whole seconds to wait (Retry-After). Refused requests are not counted.
   */
  take(ticketId: number, userId: number, now = Date.now()): number | null {
    const { ticket_updates_per_user: perUser, ticket_updates_per_account: perAccount } = this.limits;
    const longest = Math.max(perUser.window_seconds, perAccount.window_seconds) * 1000;
    this.accepted = this.accepted.filter((u) => u.at > now - longest);
    const wait = (limit: RateLimit, counted: (u: { ticketId: number; userId: number }) => boolean) => {
      if (limit.max <= 0) return limit.window_seconds;
      const inWindow = this.accepted.filter((u) => u.at > now - limit.window_seconds * 1000 && counted(u));
      if (inWindow.length < limit.max) return 0;
      // The window frees a place when the oldest update that fills it leaves.
      const freeing = inWindow[inWindow.length - limit.max]!;
      return Math.max(1, Math.ceil((freeing.at + limit.window_seconds * 1000 - now) / 1000));
    };
    const seconds = Math.max(
      wait(perUser, (u) => u.ticketId === ticketId && u.userId === userId),
      wait(perAccount, () => true),
    );
    if (seconds > 0) return seconds;
    this.accepted.push({ at: now, ticketId, userId });
    return null;
  }
}
