import { isGrpcServiceError, type Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { setTimeout as sleep } from 'node:timers/promises';

const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;

/**
 * Registers the namespace Dropline runs in, with its retention, on a cluster that does not have it yet
 * (a new self-hosted server; the dev server and Temporal Cloud create namespaces themselves), and waits
 * until the frontend serves it: a new namespace reaches the servers' caches only at their next refresh.
 */
export async function ensureNamespace(
  connection: Connection,
  namespace: string,
  retentionDays: number,
  timeoutMs = 60_000,
): Promise<'registered' | 'existing'> {
  let outcome: 'registered' | 'existing' = 'existing';
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    if (!isGrpcServiceError(error) || error.code !== NOT_FOUND) throw error;
    await connection.workflowService
      .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) })
      .catch((registering: unknown) => {
        if (!isGrpcServiceError(registering) || registering.code !== ALREADY_EXISTS) throw registering;
      });
    outcome = 'registered';
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      // Goes through the namespace cache, as starting a workflow does.
      await connection.workflowService.countWorkflowExecutions({ namespace });
      return outcome;
    } catch (error) {
      if (Date.now() > deadline || !isGrpcServiceError(error) || error.code !== NOT_FOUND) throw error;
      await sleep(500);
    }
  }
}
