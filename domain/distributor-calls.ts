/**
 * How long distributor calls and the activity attempts that make them may take. Pure constants, so
 * the workflows' activity options and the activities' own deadlines come from one place.
 *
 * An attempt must end before the next one starts, or two attempts build one WPS cart at once. So
 * every call has a timeout, an attempt starts no call that could run past its start-to-close (less a
 * margin), and heartbeats stop when a call is stuck past its timeout.
 */

/** One HTTP call to a distributor. None publishes latency figures; 15 s leaves room for a slow order entry. */
export const DISTRIBUTOR_CALL_TIMEOUT_MS = 15_000;

/**
 * An attempt starts no call that could still run this close to its start-to-close: room for the
 * database writes after the last call and for the worker's clock being behind the server's.
 */
export const ATTEMPT_MARGIN_MS = 5_000;

/**
 * Start-to-close of one PO submission attempt. The longest submission, a WPS PO of n lines, makes
 * n + 6 calls (look-up, stock, cart read, cart create, n items, cart read-back, order); 5 minutes fits
 * 19 lines at the full call timeout, and a longer PO carries on in the next attempt from its cart.
 */
export const SUBMISSION_START_TO_CLOSE_MS = 5 * 60_000;

/**
 * Heartbeat timeout of a submission attempt. The activity heartbeats every 2 s while a call is within
 * its timeout, so a worker that dies (or a call that hangs past its timeout) is noticed in seconds.
 */
export const SUBMISSION_HEARTBEAT_TIMEOUT_MS = 10_000;
