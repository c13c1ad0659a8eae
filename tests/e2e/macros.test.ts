import { describe, expect, it } from 'vitest';
import { useSession } from './harness';

const session = useSession();
const TOP_UP = '01HQVH9WAJWRGV17N5CXYXBNP5'; // "Top-up failed", names no macro
const PASSWORD_MACRO = 360010103; // "Login::Password reset instructions"

const c = () => session().console();
const row = (title: RegExp) => c().getByTestId('library-row').filter({ hasText: title }).first();
const openLibrary = async () => {
  // Signed in as the lead before the workspace opens: switching after it reloads the console,
  // and a load cut short by the reload would count a library read without its macros read.
  await session().persona('lead');
  await session().open({ route: 'console' });
  await expect.poll(() => c().getByRole('tab', { name: 'Answer library' }).count(), { timeout: 20_000 }).toBe(1);
  await c().getByRole('tab', { name: 'Answer library' }).click();
  await expect.poll(() => c().getByTestId('library-row').count(), { timeout: 20_000 }).toBeGreaterThan(10);
};

describe('answers that replace a macro', () => {
  it("shows each replaced macro's title, last update, uses in 30 days and activity, with one macros read per library load", async () => {
    await openLibrary();
    const card = row(/^Card hasn't arrived/);
    await expect.poll(() => session().text(card), { timeout: 20_000 }).toContain('Replaces macro “Cards::Card not arrived – reorder”');
    expect(await session().text(card)).toMatch(/macro updated \d+ months? ago · used 41 times in the last 30 days/);
    expect(await session().text(card)).not.toContain('Inactive macro');
    const lost = row(/^Lost or stolen card/);
    await expect.poll(() => session().text(lost), { timeout: 20_000 }).toContain('Inactive macro');
    expect(await session().text(lost)).toContain('used 3 times in the last 30 days');
    // One read per library load (the console loads the library once, when it opens), not one per answer.
    // The console's calls only: the background location brings its own copy of the library up to
    // date on its first check, whenever that falls, and reads no macros.
    const calls = (await session().calls()).calls.filter((call) => call.app === 'nav_bar');
    const macroReads = calls.filter((call) => call.endpoint === 'macros.list');
    const libraryLoads = calls.filter(
      (call) => call.endpoint === 'custom_objects.records.list' && call.path.includes('closed_loop_answer'),
    );
    expect(macroReads.length).toBeGreaterThan(0);
    expect(macroReads).toHaveLength(libraryLoads.length);
    for (const read of macroReads) expect(read.path).toContain('include=usage_30d');
  });

  it('sets the macro an answer replaces in the editor and saves it on the record', async () => {
    await openLibrary();
    await c()
      .getByRole('button', { name: /^Edit: Top-up failed/ })
      .click();
    const select = c().getByLabel('Replaces macro', { exact: true });
    await expect.poll(() => select.locator('option').count(), { timeout: 20_000 }).toBe(5);
    await select.selectOption({ label: 'Login::Password reset instructions' });
    await c().getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(
        async () =>
          (
            await session().api<{ custom_object_record: { custom_object_fields: Record<string, unknown> } }>(
              `/api/v2/custom_objects/closed_loop_answer/records/${TOP_UP}.json`,
            )
          ).custom_object_record.custom_object_fields.replaces_macro_id,
        { timeout: 20_000 },
      )
      .toBe(PASSWORD_MACRO);
    await expect
      .poll(() => session().text(row(/^Top-up failed/)), { timeout: 20_000 })
      .toContain('Replaces macro “Login::Password reset instructions”');
  });

  it('says once when the macros cannot be read, and a macro that no longer exists in its row', async () => {
    await session().api(`/api/v2/custom_objects/closed_loop_answer/records/${TOP_UP}.json`, 'PATCH', {
      custom_object_record: { custom_object_fields: { replaces_macro_id: 360099999 } },
    });
    await session().fault('macros.list', { kind: 'status', status: 403 });
    await openLibrary();
    await expect
      .poll(() => session().text(c().getByTestId('macros-unavailable')), { timeout: 20_000 })
      .toContain('could not be read from Zendesk');
    expect(await c().getByTestId('macros-unavailable').count()).toBe(1);
    // The library itself stands, the answers naming their macro by id.
    expect(await session().text(row(/^Card hasn't arrived/))).toContain('Replaces macro #360010101');
    await session().control('faults', 'DELETE');
    await c().getByTestId('macros-unavailable').getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => c().getByTestId('macros-unavailable').count(), { timeout: 20_000 }).toBe(0);
    await expect
      .poll(() => session().text(row(/^Top-up failed/)), { timeout: 20_000 })
      .toContain('Replaces macro #360099999, which no longer exists in Zendesk');
    expect(await session().text(row(/^Card hasn't arrived/))).toContain('used 41 times');
  });
});
