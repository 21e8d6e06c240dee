/** Where a dealer's orders come from; tracking goes back to the same place. */
export const CHANNELS = ['website', 'ebay', 'amazon', 'shopify'] as const;
export type ChannelId = (typeof CHANNELS)[number];
