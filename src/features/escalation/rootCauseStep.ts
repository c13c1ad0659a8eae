import { signal } from '@preact/signals';
import type { Report } from '../../app/action';
import type { LeadAccess } from '../../app/lead';
import { loadOnce } from '../../app/loadOnce';
import { buildModel, onDispose } from '../../app/model';
import type { HostClient } from '../../host/client';
import { withStrings, type I18n } from '../../i18n';
import { ROOT_CAUSE } from '../../i18n/bundles';
import type { TicketModel } from '../ticket/model';
import type { RootCauseFlow } from './rootCause';

/** The form and its flow, one chunk: no sidebar needs it until a lead is about to resolve. */
const loadForm = loadOnce(() => import('./RootCauseForm'));

/**
 * The step a lead gets after resolving an escalation: the root-cause form, its flow and its strings
 * download when first asked for (`load`, as the lead starts to resolve); the flow's outcomes stay
 * on the panel's line (`status`, in the strings that came with it) after the form closes.
 */
export function createRootCauseStep(deps: { host: HostClient; lead: LeadAccess; ticket: TicketModel; i18n: I18n; parentGuid: string }) {
  const status = signal<Report | null>(null);
  /** The sidebar's strings with the root cause's, once loaded: the panel's line and the form read them. */
  const strings = signal<I18n | null>(null);
  let flow: (RootCauseFlow & { dispose: () => void }) | null = null;
  onDispose(() => flow?.dispose());

  async function load() {
    const [chunk, i18n] = await Promise.all([loadForm(), withStrings(deps.i18n, ROOT_CAUSE)]);
    flow ??= buildModel(() => chunk.createRootCauseFlow({ ...deps, i18n, status }));
    strings.value = i18n;
    return { Form: chunk.RootCauseForm, flow };
  }
  return { status, strings, load };
}
export type RootCauseStep = ReturnType<typeof createRootCauseStep>;
