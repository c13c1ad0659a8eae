/** How long an escalation request has waited against the response target. */

export interface RequestAge {
  minutes: number;
  overdue: boolean;
  /** Minutes left until the target; negative once overdue (minutes past it). */
  remainingMinutes: number;
}

export function requestAge(requestedAt: Date, now: Date, targetMinutes: number): RequestAge {
  // Clamp: a request stamped slightly in the future (clock skew) has waited 0 minutes.
  const elapsedMs = Math.max(0, now.getTime() - requestedAt.getTime());
  const minutes = Math.floor(elapsedMs / 60_000);
  return {
    minutes,
    overdue: elapsedMs > targetMinutes * 60_000,
    remainingMinutes: targetMinutes - minutes,
  };
}
