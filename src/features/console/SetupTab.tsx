import { useCallback, useEffect, useMemo } from 'preact/hooks';
import { createResource } from '../../app/resource';
import { useServices } from '../../app/services';
import { ErrorNotice, Loading } from '../../ui/Panel';
import { checkKnowledgeSources, checkSetup, type SetupProblem } from './setup';

export function SetupTab() {
  const { host, settings, i18n } = useServices();
  const check = useMemo(() => createResource<SetupProblem[]>(), []);
  const sources = useMemo(() => createResource<SetupProblem>(), []);
  const run = useCallback(() => {
    void check.run(() => checkSetup(host, settings));
    void sources.run(() => checkKnowledgeSources(host, settings));
  }, [check, sources, host, settings]);
  const searched = sources.state.value;
  useEffect(run, [run]);
  const state = check.state.value;
  // A setting is named as Admin Center labels it ("Lead group IDs"), not by its key.
  const named = (vars: SetupProblem['vars']) =>
    vars && typeof vars.setting === 'string' ? { ...vars, setting: `“${i18n.t(`app.parameters.${vars.setting}.label`)}”` } : vars;
  return (
    <section aria-labelledby="setup-title">
      <h2 id="setup-title">{i18n.t('ui.setup.title')}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={run} />}
      {state.status === 'ready' && state.data.length === 0 && (
        <p class="notice notice--success" role="status">
          {i18n.t('ui.setup.all_good')}
        </p>
      )}
      {state.status === 'ready' && state.data.length > 0 && (
        <ul class="cards" data-testid="setup-problems">
          {state.data.map((problem, i) => (
            <li key={i} class="card notice--warning">
              <p>
                <strong>{i18n.t(`ui.setup.${problem.key}`, named(problem.vars))}</strong>
              </p>
              <p>{i18n.t(`ui.setup.${problem.key}_fix`, named(problem.vars))}</p>
            </li>
          ))}
        </ul>
      )}
      {searched.status === 'ready' && (
        <p class="muted" data-testid="setup-sources">
          {i18n.t(`ui.setup.${searched.data.key}`, searched.data.vars)}
        </p>
      )}
      <button type="button" class="btn btn--small" onClick={run}>
        {i18n.t('ui.setup.check_again')}
      </button>
    </section>
  );
}
