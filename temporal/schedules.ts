import { ScheduleAlreadyRunning, type Client, type ScheduleHandle, type ScheduleOptionsAction, type ScheduleUpdateOptions } from '@temporalio/client';

/**
 * Creates the schedule, or brings the one already under `scheduleId` in line with it, so saving the
 * same settings twice is harmless: what every saved dealer setting that drives a schedule needs.
 */
export async function saveSchedule<A extends ScheduleOptionsAction>(
  client: Client,
  scheduleId: string,
  schedule: ScheduleUpdateOptions<A>,
): Promise<ScheduleHandle> {
  try {
    return await client.schedule.create({ scheduleId, ...schedule });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    const handle = client.schedule.getHandle(scheduleId);
    await handle.update(() => schedule);
    return handle;
  }
}
