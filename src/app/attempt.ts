/** The result of a user action: done, or the error to show in the panel that ran it. */
export type Attempt = { ok: true } | { ok: false; error: unknown };

export async function attempt(run: () => Promise<unknown>): Promise<Attempt> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}
