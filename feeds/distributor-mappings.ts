import type { DistributorId } from '../domain/distributors.js';
import type { FeedMapping } from './mapping.js';

/**
 * The column layout of each distributor's dealer price/inventory file. The header names are our
 * best understanding of each file and not yet checked against a live dealer file; a file that lacks
 * one fails its import with the missing names, so a wrong guess is loud, never silent. Warehouse
 * codes are the ones the dealer's warehouse rules (lead times) use.
 */
export const FEED_MAPPINGS: Partial<Record<DistributorId, FeedMapping>> = {
  wps: {
    distributorSku: 'Part Number',
    description: 'Description',
    cost: 'Dealer Price',
    leadTimeDays: 'Lead Time Days',
    manufacturerPartNumber: 'Vendor Part Number',
    brand: 'Brand',
    warehouseQuantities: { ID: 'Boise Qty', CA: 'Fresno Qty', PA: 'Elizabethtown Qty', TX: 'Midlothian Qty', IN: 'Ashley Qty' },
  },
  parts_unlimited: {
    distributorSku: 'Part Number',
    description: 'Part Description',
    cost: 'Dealer Price',
    manufacturerPartNumber: 'Vendor Part Number',
    brand: 'Brand Name',
    warehouseQuantities: { WI: 'WI Qty', NV: 'NV Qty', PA: 'PA Qty' },
  },
};
