import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Keyword search attributes so an operator can find any run in Temporal Web or with `temporal workflow
 * list --query`. No PII here: they are not encrypted (a marketplace's order number names no buyer).
 */
export const SEARCH_ATTRIBUTES = {
  DealerId: defineSearchAttributeKey('DealerId', SearchAttributeType.KEYWORD),
  OrderId: defineSearchAttributeKey('OrderId', SearchAttributeType.KEYWORD),
  PoNumber: defineSearchAttributeKey('PoNumber', SearchAttributeType.KEYWORD),
  Distributor: defineSearchAttributeKey('Distributor', SearchAttributeType.KEYWORD),
  /** The drop-ship's phase. */
  DropshipStatus: defineSearchAttributeKey('DropshipStatus', SearchAttributeType.KEYWORD),
  /** A purchase order's status, `pending` from its start. */
  PoStatus: defineSearchAttributeKey('PoStatus', SearchAttributeType.KEYWORD),
  /** The marketplace's order number, on the drop-ship and its purchase orders. */
  ChannelOrderId: defineSearchAttributeKey('ChannelOrderId', SearchAttributeType.KEYWORD),
} as const;
