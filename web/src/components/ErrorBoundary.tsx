import { Component, type MouseEvent, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  /** What stops working when the part inside fails, as a person names it: "The products screen". */
  what: string;
  /**
   * A new value clears a failure on show, without remounting what is inside when nothing failed:
   * the route's path, so going to another screen starts afresh.
   */
  resetKey?: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/**
 * Catches what the part inside throws while rendering, so one broken screen does not blank the
 * whole app: it says what failed and how to get going again. Retry renders the part afresh (a
 * passing fault); reloading the page helps when retrying cannot, e.g. when a new version was
 * deployed and a screen's code is no longer on the server. Errors in event handlers and server
 * errors are not thrown: the screens show those themselves.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  retry = (): void => this.setState({ error: null });

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <Failure what={this.props.what} error={error} onRetry={this.retry} />;
  }
}

function Failure({ what, error, onRetry }: { what: string; error: Error; onRetry: () => void }) {
  const reload = (event: MouseEvent<HTMLAnchorElement>) => {
    // A plain link to the same address with a #fragment would only scroll, not reload.
    event.preventDefault();
    window.location.reload();
  };
  return (
    <div role="alert" className="error failure">
      <p>
        <strong>{what} stopped working.</strong> What failed: {error.message || error.name}
      </p>
      <p>
        <button type="button" onClick={onRetry}>
          Retry
        </button>{' '}
        If that does not help, <a href={window.location.pathname + window.location.search} onClick={reload}>reload the page</a>.
      </p>
    </div>
  );
}
