import { ApplicationFailure } from '@temporalio/common';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDropship } from '../../db/repositories/dropships.js';
import type { SubmissionFacts } from '../../domain/purchase-order.js';
import { startDropshipWorkflow } from '../../temporal/dropship-start.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { recordHistory } from '../helpers/histories.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { startWorker } from '../helpers/temporal.js';

const BUYER = ['Jane Rider', '123 Main St', '83702'];

/**
 * Distributor errors can quote the buyer: their messages and stack traces are encrypted in Temporal's
 * history like every payload, and still reach the dealer in words.
 */
describe('failure messages in Temporal history', () => {
  let stack: Stack;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const taskQueue = `test-${randomUUID()}`;

  beforeAll(async () => {
    stack = await startStack({ externalWorker: true });
    // The real activities, except a distributor that refuses the ship-to address by quoting it.
    worker = await startWorker(
      {
        ...stack.activities,
        async submitPurchaseOrder() {
          throw ApplicationFailure.create({
            type: 'Distributor:rejected',
            nonRetryable: true,
            message: 'Western Power Sports cannot deliver to Jane Rider, 123 Main St, Boise ID 83702',
            details: [{ verifiedAbsentAt: null, nothingSent: true } satisfies SubmissionFacts],
          });
        },
      },
      taskQueue,
    );
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.stop();
  });

  it('encrypts the failure message and stack in history, while the dealer reads the reason', async () => {
    const call = dealerApi(stack.app, stack.apiKey);
    const order = await call('POST', '/v1/orders', demoOrderBody('WEB-FAIL-ENC-1'));
    const { dropship } = await openDropship(stack.db, stack.dealerId, order.body.id, 'auto');
    const dealer = { id: stack.dealerId, confirmReminderSeconds: 3600, confirmExpirySeconds: 86_400 };
    await startDropshipWorkflow(
      { client: stack.client, taskQueue, tracking: stack.tracking },
      { dealer, order: { id: order.body.id, channelOrderId: 'WEB-FAIL-ENC-1' }, dropship },
      { type: 'system' },
    );
    const poNumber = `${dropship.poBase}-W`;
    const poWorkflowId = `po:${stack.dealerId}:${poNumber}`;
    const po = await eventually(async () => {
      const answer = await call('GET', `/v1/purchase-orders/${poNumber}`);
      return answer.body?.status === 'failed' ? answer.body : undefined;
    }, 'the PO to fail');
    expect(po.failureReason).toContain('cannot deliver to Jane Rider, 123 Main St, Boise ID 83702');

    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      const raw = new Client({ connection }); // no codec: what an operator without the key would see
      await stack.client.workflow.getHandle(poWorkflowId).result();
      const history = await raw.workflow.getHandle(poWorkflowId).fetchHistory();
      const failure = history.events?.find((event) => event.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes?.failure;
      expect(failure).toMatchObject({ message: 'Encoded failure', stackTrace: '' });
      expect(Buffer.from(failure!.encodedAttributes!.metadata!.encoding!).toString()).toBe('binary/encrypted');
      const text = bytesAsText(history);
      for (const pii of BUYER) expect(text).not.toContain(pii);
    } finally {
      await connection.close();
    }
    await recordHistory(stack.client, poWorkflowId, 'po-failed-encoded-failure');
  });
});

/** Every byte field of a history (payload data, metadata) decoded as UTF-8, and every string, joined. */
function bytesAsText(value: unknown, out: string[] = []): string {
  if (ArrayBuffer.isView(value)) out.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'));
  else if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const child of Object.values(value)) bytesAsText(child, out);
  return out.join('\n');
}
