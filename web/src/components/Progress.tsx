import { useEffect, useState } from 'react';

/**
 * Shown while the server works: a spinner, what is happening, and after a few seconds how long
 * it has taken, so a slow answer reads as work in progress rather than a hang.
 */
export function Progress({ label, className }: { label: string; className?: string }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div role="status" aria-live="polite" className={`progress ${className ?? ''}`}>
      <span className="spinner" aria-hidden="true" />
      {label}
      {seconds >= 3 && <span className="muted"> ({seconds} s)</span>}
    </div>
  );
}
