import type { ChannelConnectionTestRequest, ConnectionTestRequest, ConnectionTestResult } from '../../activities/test-connection.js';
import type { DistributorId } from '../../domain/distributors.js';

export type { ChannelConnectionTestRequest, ConnectionTestRequest, ConnectionTestResult };

/** The workflow type the worker registers (its export name in workflows/index.ts). */
export const CONNECTION_TEST_WORKFLOW = 'testDistributorConnection';
export type ConnectionTestWorkflow = (input: ConnectionTestRequest) => Promise<ConnectionTestResult>;

/** Every press of "Test connection" is a run of its own. */
export function connectionTestWorkflowId(dealerId: string, distributor: DistributorId, attempt: string): string {
  return `connection-test:${dealerId}:${distributor}:${attempt}`;
}

export const CHANNEL_CONNECTION_TEST_WORKFLOW = 'testChannelConnection';
/** The channel's name comes along for the workflow's own messages: the workflow bundle may not read the marketplace profiles. */
export type ChannelConnectionTestInput = ChannelConnectionTestRequest & { channelName: string };
export type ChannelConnectionTestWorkflow = (input: ChannelConnectionTestInput) => Promise<ConnectionTestResult>;

export function channelConnectionTestWorkflowId(dealerId: string, channel: string, attempt: string): string {
  return `channel-connection-test:${dealerId}:${channel}:${attempt}`;
}
