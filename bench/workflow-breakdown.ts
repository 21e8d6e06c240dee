import type { Client } from '@temporalio/client';
import type proto from '@temporalio/proto';

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

/** What one drop-ship costs Temporal, counted from the histories of its workflow and its PO children. */
export interface Breakdown {
  workflowTasks: number;
  activityTasks: number;
  /** Attempts past the first (a poll that found nothing new is retried by the server at the poll interval). */
  activityRetries: number;
  localActivities: number;
  timers: number;
  childWorkflows: number;
  signalsAndUpdates: number;
  searchAttributeUpserts: number;
  /** `wf.patched` markers; the SDK upserts TemporalChangeVersion with each, so they count among the upserts too. */
  patchMarkers: number;
  /** Worker and client exchanges with the server: the start, each workflow task, each activity attempt, each Update. */
  roundTrips: number;
  historyEvents: number;
}

/**
 * The least one auto-mode drop-ship of a website order, one PO and one package, can cost, and why.
 * Workflow tasks: the drop-ship needs 3 (start: route, record, start the PO; the PO's "started" event,
 * which Temporal always hands to the parent; the PO's end) and the PO 4 (start: submit; submitted:
 * look at the distributor; shipped: record, email the buyer; the email answered: end). Activity tasks:
 * one submission, one status check that finds the package, one buyer email (a channel push only for
 * marketplace orders; a website takes no tracking back). Local activities: the drop-ship reads its
 * facts, writes its plan and POs, writes its end (3); the PO writes the package with its order note,
 * then "shipped" (2; "submitted" is the submission's own write). One timer per PO of an order with a
 * ship-by date (the bench's orders get one from the dealer's handling time). One child per PO; the
 * plan the API answers with is one Update; search attributes change once per status an operator
 * finds runs by (drop-ship in progress and completed, PO submitted and shipped). Round trips follow:
 * 1 start + 7 workflow tasks + 3 activities + 1 Update.
 */
export const MINIMUM: Breakdown = {
  workflowTasks: 7,
  activityTasks: 3,
  activityRetries: 0,
  localActivities: 5,
  timers: 1,
  childWorkflows: 1,
  signalsAndUpdates: 1,
  searchAttributeUpserts: 4,
  patchMarkers: 0,
  roundTrips: 12,
  historyEvents: 0,
};

export async function dropshipHistories(client: Client, workflowId: string): Promise<HistoryEvent[][]> {
  const events = async (id: string) => (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
  const parent = await events(workflowId);
  const poIds = parent.map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId).filter((id): id is string => Boolean(id));
  return [parent, ...(await Promise.all(poIds.map(events)))];
}

export function breakdown(histories: HistoryEvent[][]): Breakdown {
  const all = histories.flat();
  const count = (has: (e: HistoryEvent) => unknown) => all.filter(has).length;
  const workflowTasks = count((e) => e.workflowTaskCompletedEventAttributes);
  const activityTasks = count((e) => e.activityTaskScheduledEventAttributes);
  const attempts = all.reduce((sum, e) => sum + (e.activityTaskStartedEventAttributes?.attempt ?? 0), 0);
  const signalsAndUpdates = count((e) => e.workflowExecutionSignaledEventAttributes ?? e.workflowExecutionUpdateAcceptedEventAttributes);
  return {
    workflowTasks,
    activityTasks,
    activityRetries: attempts - activityTasks,
    localActivities: count((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity'),
    timers: count((e) => e.timerStartedEventAttributes),
    childWorkflows: count((e) => e.startChildWorkflowExecutionInitiatedEventAttributes),
    signalsAndUpdates,
    searchAttributeUpserts: count((e) => e.upsertWorkflowSearchAttributesEventAttributes),
    patchMarkers: count((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch'),
    roundTrips: 1 + workflowTasks + attempts + signalsAndUpdates,
    historyEvents: all.length,
  };
}

/** The mean over several drop-ships. */
export function mean(breakdowns: Breakdown[]): Breakdown {
  const keys = Object.keys(MINIMUM) as Array<keyof Breakdown>;
  return Object.fromEntries(keys.map((k) => [k, breakdowns.reduce((sum, b) => sum + b[k], 0) / breakdowns.length])) as unknown as Breakdown;
}

export function printBreakdown(measured: Breakdown, runs: number): void {
  const rows: Array<[keyof Breakdown, string]> = [
    ['workflowTasks', 'workflow tasks'],
    ['activityTasks', 'activity tasks'],
    ['activityRetries', 'activity retries'],
    ['localActivities', 'local activities'],
    ['timers', 'timers'],
    ['childWorkflows', 'child workflows'],
    ['signalsAndUpdates', 'signals + updates'],
    ['searchAttributeUpserts', 'search-attribute upserts'],
    ['patchMarkers', '  of which TemporalChangeVersion (patch markers)'],
    ['roundTrips', 'Temporal round trips'],
    ['historyEvents', 'history events'],
  ];
  console.log(`Per drop-ship (mean of ${runs}, drop-ship + PO histories)   measured   minimum   measured/minimum`);
  for (const [key, label] of rows) {
    const min = MINIMUM[key];
    const ratio = min > 0 ? (measured[key] / min).toFixed(2) : measured[key] === 0 ? '—' : '∞';
    console.log(`  ${label.padEnd(54)} ${measured[key].toFixed(1).padStart(8)}  ${(key === 'historyEvents' ? '' : String(min)).padStart(8)}   ${ratio}`);
  }
}

const millis = (e: HistoryEvent) => Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;

/**
 * Where the time of one drop-ship goes, summed over its workflows (they overlap, so the sum is more
 * than its wall time): workflow tasks waiting for a worker and being run (local activities included),
 * activities waiting and running by type, and the drop-ship's wall time from start to end.
 */
export function timings(histories: HistoryEvent[][]): Record<string, number> {
  const spent: Record<string, number> = {};
  const add = (label: string, ms: number) => (spent[label] = (spent[label] ?? 0) + ms);
  for (const events of histories) {
    const byId = new Map(events.map((e) => [String(e.eventId), e]));
    for (const e of events) {
      const wft = e.workflowTaskStartedEventAttributes;
      if (wft) add('workflow task: waiting', millis(e) - millis(byId.get(String(wft.scheduledEventId))!));
      const done = e.workflowTaskCompletedEventAttributes;
      if (done) add('workflow task: running', millis(e) - millis(byId.get(String(done.startedEventId))!));
      const act = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes;
      if (act) {
        const scheduled = byId.get(String(act.scheduledEventId))!;
        const started = byId.get(String(act.startedEventId))!;
        const name = scheduled.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
        add(`activity ${name}: waiting`, millis(started) - millis(scheduled));
        add(`activity ${name}: running`, millis(e) - millis(started));
      }
    }
  }
  const parent = histories[0]!;
  spent['drop-ship start to end (wall)'] = millis(parent.at(-1)!) - millis(parent[0]!);
  return spent;
}

export function printTimings(all: Array<Record<string, number>>): void {
  const labels = [...new Set(all.flatMap((t) => Object.keys(t)))].sort();
  console.log(`Time per drop-ship, ms (mean of ${all.length})`);
  for (const label of labels) console.log(`  ${label.padEnd(54)} ${(all.reduce((sum, t) => sum + (t[label] ?? 0), 0) / all.length).toFixed(0).padStart(8)}`);
}

/** Where the wall time of one drop-ship goes, event by event (BENCH_TIMELINE=1). */
export function printTimeline(histories: HistoryEvent[][]): void {
  const start = millis(histories[0]![0]!);
  histories.forEach((events, index) => {
    console.log(index === 0 ? 'drop-ship' : `  PO ${index}`);
    for (const e of events) {
      const type = Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k]) ?? '?';
      const detail =
        e.activityTaskScheduledEventAttributes?.activityType?.name ??
        localActivityData(e)?.activity_type ??
        (e.activityTaskStartedEventAttributes ? `attempt ${e.activityTaskStartedEventAttributes.attempt}` : '');
      console.log(
        `    +${String(Math.round(millis(e) - start)).padStart(5)} ms  ${type.replace('EventAttributes', '')} ${typeof detail === 'string' ? detail : ''}`,
      );
    }
  });
}

/** Core's record of a local activity (LocalActivityMarkerData), kept as JSON in its marker. */
function localActivityData(e: HistoryEvent): { activity_type: string } | null {
  const attributes = e.markerRecordedEventAttributes;
  const data = attributes?.markerName === 'core_local_activity' ? attributes.details?.['data']?.payloads?.[0]?.data : null;
  return data ? (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string }) : null;
}

/** Times every activity body (local or not) by name, to tell the engine's overhead from the work itself. */
export function timedActivities<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T, spent: Record<string, number>): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, run]) => [
      name,
      async (...args: never[]) => {
        const t0 = performance.now();
        try {
          return await run(...args);
        } finally {
          spent[`body of ${name}`] = (spent[`body of ${name}`] ?? 0) + performance.now() - t0;
        }
      },
    ]),
  ) as T;
}
