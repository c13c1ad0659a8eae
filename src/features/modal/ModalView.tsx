import { useServices } from '../../app/services';

/** Larger forms opened with `instances.create`; the opener tells it what to show. */
export default function ModalView() {
  const { i18n } = useServices();
  return <main class="modal">{i18n.t('ui.common.loading')}</main>;
}
