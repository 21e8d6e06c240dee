import * as wf from '@temporalio/workflow';
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/common';
import type { Activities } from '../activities/index.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import type { ChannelConnectionTestInput, ConnectionTestRequest, ConnectionTestResult } from './contracts/test-connection.js';
import { distributorTaskQueue } from './task-queues.js';

// A dealer is waiting on a button: one retry covers a blip, more would outlast the request.
const distributorCall = (distributor: DistributorId) =>
  wf.proxyActivities<Activities>({
    taskQueue: distributorTaskQueue(wf.workflowInfo().taskQueue, distributor),
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: 2 },
  });

/**
 * "Test connection" for a dealer's distributor account: one cheap authenticated call, made by an
 * activity so the credentials are decrypted on the worker and never enter history. Always answers.
 */
export async function testDistributorConnection(input: ConnectionTestRequest): Promise<ConnectionTestResult> {
  try {
    return await distributorCall(input.distributor).testDistributorConnection(input);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    return { ok: false, reason: failureReason(error, DISTRIBUTOR_NAMES[input.distributor]) };
  }
}

// Channel calls run on the main queue, like the tracking push they stand in for.
const channelCall = wf.proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 2 } });

/** "Test connection" for a dealer's eBay, Amazon or Shopify account, the same way: always answers, never with credentials. */
export async function testChannelConnection({ channelName, ...input }: ChannelConnectionTestInput): Promise<ConnectionTestResult> {
  try {
    return await channelCall.testChannelConnection(input);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    return { ok: false, reason: failureReason(error, channelName, 'Channel:') };
  }
}

function failureReason(error: ActivityFailure, name: string, source = 'Distributor:'): string {
  const cause = error.cause;
  // Adapter failures carry the adapter's message, written for the dealer; anything else is ours to hide.
  if (cause instanceof ApplicationFailure && cause.type?.startsWith(source)) return cause.message;
  if (cause instanceof TimeoutFailure) return `${name} did not answer within 30 seconds`;
  return `Dropline could not check the ${name} connection; try again shortly`;
}
