import type { FeedImportSummary } from '../../activities/catalog-feed.js';
import type { DistributorId } from '../../domain/distributors.js';

export type { FeedImportSummary };
export { catalogFeedImportWorkflowId } from '../../domain/ids.js';

/** The workflow type the worker registers (its export name in workflows/index.ts). */
export const CATALOG_FEED_IMPORT_WORKFLOW = 'catalogFeedImport';
export type CatalogFeedImportWorkflow = (input: CatalogFeedImportInput) => Promise<FeedImportSummary>;

export interface CatalogFeedImportInput {
  dealerId: string;
  distributor: DistributorId;
}
