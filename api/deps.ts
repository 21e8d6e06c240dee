import type { Client } from '@temporalio/client';
import type { Db } from '../db/client.js';

/** What the API needs; server.ts builds the real ones, tests build their own. */
export interface ApiDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** Tracking settings handed to new purchase-order workflows. */
  tracking: { pollIntervalMs: number; giveUpAfterMs: number };
  /** How long an HTTP request waits for a workflow to answer an Update. */
  workflowAnswerTimeoutMs: number;
}
