import type { ChannelOrderImportRequest, ChannelOrderImportSummary } from '../../activities/channel-orders.js';

export type { ChannelOrderImportSummary };
export { channelOrderImportWorkflowId } from '../../domain/ids.js';

/** The workflow type the worker registers (its export name in workflows/index.ts). */
export const CHANNEL_ORDER_IMPORT_WORKFLOW = 'channelOrderImport';
export type ChannelOrderImportWorkflow = (input: ChannelOrderImportInput) => Promise<ChannelOrderImportSummary>;

export type ChannelOrderImportInput = ChannelOrderImportRequest;
