import { WorkflowUpdateRPCTimeoutOrCancelledError, WorkflowUpdateStage, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';

/**
 * Sends an Update and returns once the workflow has accepted it: its validator passed and the
 * acceptance is in the workflow's history, so the decision survives any crash; what the handler then
 * does is not waited for. A refusal by the validator is thrown as executeUpdate throws it
 * (WorkflowUpdateFailedError); a workflow that is over, as WorkflowNotFoundError.
 */
export async function sendAccepted<Arg>(client: Client, handle: WorkflowHandle, update: UpdateDefinition<unknown, [Arg]>, arg: Arg): Promise<void> {
  const started = await handle.startUpdate(update, { args: [arg], waitForStage: WorkflowUpdateStage.ACCEPTED });
  // The server answers a refused Update with its outcome instead of an acceptance, and startUpdate
  // returns it unread. Reading the result under a deadline already past gives an outcome the server
  // already sent (throwing a refusal) without a call, and fails at once the call that would wait for
  // the outcome of an Update that was accepted.
  try {
    await client.withDeadline(Date.now() - 1, () => started.result());
  } catch (error) {
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return;
    throw error;
  }
}
