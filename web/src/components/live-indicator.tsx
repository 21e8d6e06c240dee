import { useLiveStatus } from '../live';

/** Whether pages update by themselves right now: "Live", or "Reconnecting…" while the stream is down (pages then poll slowly). */
export function LiveIndicator() {
  const status = useLiveStatus();
  const live = status === 'live';
  return (
    <span
      className={`live-indicator ${live ? 'is-live' : 'is-down'}`}
      role="status"
      title={live ? 'Pages update as things change' : 'Pages update every minute until the connection is back'}
    >
      {live ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
    </span>
  );
}
