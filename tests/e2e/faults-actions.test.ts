import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { faultMatrix, faultsFor } from './faultMatrix';
import { useSession } from './harness';

const session = useSession();
const check = faultMatrix('writes and the console');

const REQUESTED_TICKET = 4103;
const PAYMENT_TICKET = 4109; // knowledge suggestions, and a confident answer match
const DRAFT = '01HQBJJ581DK7BXCWJ2CYMTSPH'; // "Apple Pay top-up", proposed by an agent

const sidebarPanel = (name: string) => session().sidebar().locator(`[data-panel="${name}"]`);
const c = () => session().console();

async function ticketState(id: number) {
  const { ticket } = await session().api<{ ticket: { tags: string[]; updated_at: string } }>(`/api/v2/tickets/${id}.json`);
  const { audits } = await session().api<{ audits: unknown[] }>(`/api/v2/tickets/${id}/audits.json`);
  return { tags: [...ticket.tags].sort(), updated: ticket.updated_at, audits: audits.length };
}

async function openLibrary() {
  await session().open({ route: 'console' });
  await session().persona('lead');
  await c().getByRole('tab', { name: 'Answer library' }).click();
  await c().getByRole('button', { name: 'Proposals', exact: true }).click();
}

/**
 * One user action per REST endpoint it depends on: how to get there, what it changes in Zendesk
 * (which must not change when the call fails), how success looks, and where the message shows.
 */
interface ActionCase {
  endpoint: string;
  action: string;
  ready: () => Promise<void>;
  act: () => Promise<void>;
  snapshot: () => Promise<unknown>;
  succeeded: () => Promise<boolean>;
  message: () => Locator;
}

const escalate = (endpoint: string): ActionCase => ({
  endpoint,
  action: 'Escalate',
  async ready() {
    await session().persona('lead');
    await session().open({ ticket: REQUESTED_TICKET });
    await expect.poll(() => sidebarPanel('escalation').getByRole('button', { name: 'Escalate' }).count()).toBe(1);
  },
  act: () => sidebarPanel('escalation').getByRole('button', { name: 'Escalate' }).click(),
  snapshot: () => ticketState(REQUESTED_TICKET),
  succeeded: async () => (await ticketState(REQUESTED_TICKET)).tags.includes('escalation_escalated'),
  message: () => sidebarPanel('escalation').getByRole('alert'),
});

const ACTIONS: ActionCase[] = [
  escalate('tickets.show'),
  escalate('tickets.update'),
  {
    endpoint: 'custom_objects.records.create',
    action: 'Flag an article',
    ready: async () => {
      await session().open({ ticket: PAYMENT_TICKET });
      // Clicks land on what they aim at once the answers panel above has stopped growing.
      await session().settled();
      const first = sidebarPanel('knowledge').locator('li.article').first();
      await first.getByRole('button', { name: 'Flag' }).click();
      await first.getByLabel('What is out of date in this article?').fill('The freeze button moved.');
    },
    act: () => sidebarPanel('knowledge').getByRole('button', { name: 'Send to leads' }).click(),
    snapshot: async () => (await session().records('closed_loop_feedback')).length,
    succeeded: async () =>
      (await session().records('closed_loop_feedback')).some((r) => r.custom_object_fields.note === 'The freeze button moved.'),
    message: () => sidebarPanel('knowledge').locator('.status--error'),
  },
  {
    endpoint: 'custom_objects.records.show',
    action: 'Insert an answer',
    ready: async () => {
      await session().open({ ticket: PAYMENT_TICKET });
      await expect
        .poll(() =>
          sidebarPanel('answers')
            .getByRole('button', { name: /^Insert/ })
            .count(),
        )
        .toBe(1);
    },
    act: () =>
      sidebarPanel('answers')
        .getByRole('button', { name: /^Insert/ })
        .click(),
    snapshot: async () => ({ composer: (await session().composer()).text, tags: (await session().form()).tags }),
    succeeded: async () => (await session().composer()).text.includes('Hi Emma,'),
    message: () => sidebarPanel('answers').locator('.status--error'),
  },
  {
    endpoint: 'custom_objects.records.update',
    action: 'Approve a proposal',
    ready: async () => {
      await openLibrary();
      await expect
        .poll(() =>
          c()
            .getByRole('button', { name: /^Approve: Apple Pay/ })
            .count(),
        )
        .toBe(1);
    },
    act: () =>
      c()
        .getByRole('button', { name: /^Approve: Apple Pay/ })
        .click(),
    snapshot: async () => (await session().records('closed_loop_answer')).find((r) => r.id === DRAFT)?.custom_object_fields,
    succeeded: async () =>
      (await session().records('closed_loop_answer')).find((r) => r.id === DRAFT)?.custom_object_fields.status === 'approved',
    message: () => c().locator('.status--error'),
  },
  {
    endpoint: 'custom_objects.records.update',
    action: 'Mark feedback handled',
    ready: async () => {
      await session().open({ route: 'console' });
      await session().persona('lead');
      await c().getByRole('tab', { name: 'Proposals and feedback' }).click();
      await expect.poll(() => c().getByTestId('feedback-outdated_article').count()).toBe(4);
    },
    act: () => c().getByTestId('feedback-outdated_article').first().getByRole('button', { name: 'Mark handled' }).click(),
    snapshot: async () => (await session().records('closed_loop_feedback')).filter((r) => r.custom_object_fields.handled === true).length,
    succeeded: async () =>
      (await session().records('closed_loop_feedback')).filter((r) => r.custom_object_fields.handled === true).length === 1,
    message: () => c().locator('.status--error'),
  },
];

describe('REST faults on actions: the action says so and nothing in Zendesk changes half-way', () => {
  for (const [index, { endpoint, action, ready, act, snapshot, succeeded, message }] of ACTIONS.entries()) {
    for (const { name, fault, times, fails, message: expected } of faultsFor(index)) {
      it(`${action} (${endpoint}) × ${name}`, () =>
        check(async () => {
          await ready();
          const before = await snapshot();
          await session().fault(endpoint, fault, times);
          await act();
          if (fails) {
            await expect.poll(() => session().text(message())).toMatch(expected!);
            expect(await snapshot()).toEqual(before);
          } else {
            await expect.poll(succeeded).toBe(true);
          }
        }));
    }
  }
});

/** The console's reads: the tab that needs the call says so, offers a retry, and recovers. */
const CONSOLE_READS: { endpoint: string; tab: string; working: () => Promise<boolean> }[] = [
  { endpoint: 'search', tab: 'Escalations', working: async () => (await c().getByTestId('queue-row').count()) > 0 },
  {
    endpoint: 'custom_objects.records.list',
    tab: 'Answer library',
    working: async () =>
      (await c()
        .getByRole('button', { name: /^Edit:/ })
        .count()) > 0,
  },
  {
    endpoint: 'custom_objects.records.filtered_search',
    tab: 'Proposals and feedback',
    working: async () => (await c().getByTestId('feedback-misfit').count()) > 0,
  },
];

describe('REST faults in the lead console', () => {
  for (const [index, { endpoint, tab, working }] of CONSOLE_READS.entries()) {
    for (const { name, fault, times, fails, message } of faultsFor(index)) {
      it(`${tab} (${endpoint}) × ${name}`, () =>
        check(async () => {
          await session().fault(endpoint, fault, times);
          await session().open({ route: 'console' });
          await session().persona('lead');
          await c().getByRole('tab', { name: tab }).click();
          if (fails) {
            await expect.poll(() => session().text(c().getByRole('alert').first())).toMatch(message!);
            await session().control('faults', 'DELETE');
            // A read still on its way when the fault ends can succeed by itself. Otherwise the lead retries.
            if (!(await working())) await c().getByRole('button', { name: 'Try again' }).first().click();
          }
          await expect.poll(working).toBe(true);
        }));
    }
  }
});
