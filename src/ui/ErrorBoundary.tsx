import { Component, type ComponentChildren } from 'preact';
import { ErrorNotice } from './Panel';

/**
 * Keeps a crash in one panel or tab inside it: instead of a blank frame, a translated message
 * and a retry that renders it again. The other panels keep working.
 */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, { error?: unknown }> {
  static override getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error() };
  }

  override render() {
    const { error } = this.state;
    return error === undefined ? this.props.children : <ErrorNotice error={error} onRetry={() => this.setState({ error: undefined })} />;
  }
}
