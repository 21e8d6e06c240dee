import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Keyword search attributes so an operator can find any run in Temporal Web. No PII here: they are not encrypted. */
export const SEARCH_ATTRIBUTES = {
  DealerId: defineSearchAttributeKey('DealerId', SearchAttributeType.KEYWORD),
  OrderId: defineSearchAttributeKey('OrderId', SearchAttributeType.KEYWORD),
  PoNumber: defineSearchAttributeKey('PoNumber', SearchAttributeType.KEYWORD),
  Distributor: defineSearchAttributeKey('Distributor', SearchAttributeType.KEYWORD),
  DropshipStatus: defineSearchAttributeKey('DropshipStatus', SearchAttributeType.KEYWORD),
} as const;
