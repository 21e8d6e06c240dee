import type { ConnectionTestRequest, ConnectionTestResult } from '../../activities/test-connection.js';
import type { DistributorId } from '../../domain/distributors.js';

export type { ConnectionTestRequest, ConnectionTestResult };

/** The workflow type the worker registers (its export name in workflows/index.ts). */
export const CONNECTION_TEST_WORKFLOW = 'testDistributorConnection';
export type ConnectionTestWorkflow = (input: ConnectionTestRequest) => Promise<ConnectionTestResult>;

/** Every press of "Test connection" is a run of its own. */
export function connectionTestWorkflowId(dealerId: string, distributor: DistributorId, attempt: string): string {
  return `connection-test:${dealerId}:${distributor}:${attempt}`;
}
