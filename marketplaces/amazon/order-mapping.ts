import type { ChannelOrder } from '../../domain/channel-orders.js';
import { PENDING_STATUSES } from './contract.js';
import type { AmazonOrder, AmazonOrderItem } from './wire.js';

const FULFILMENT: Partial<Record<string, ChannelOrder['fulfilment']>> = {
  Canceled: 'cancelled',
  Shipped: 'shipped',
  PartiallyShipped: 'partially_shipped',
};

/** Amazon's order and its items in the normalised shape. */
export function channelOrderFromAmazon(order: AmazonOrder, items: AmazonOrderItem[]): ChannelOrder {
  const address = order.ShippingAddress;
  return {
    channel: 'amazon',
    channelOrderId: order.AmazonOrderId,
    createdAt: order.PurchaseDate,
    updatedAt: order.LastUpdateDate,
    buyer: { name: order.BuyerInfo?.BuyerName ?? address?.Name ?? '', email: order.BuyerInfo?.BuyerEmail, phone: address?.Phone },
    // A Pending order comes without its address; it arrives with the payment, and intake updates it then.
    shipTo: {
      name: address?.Name ?? '',
      line1: address?.AddressLine1 ?? '',
      line2: [address?.AddressLine2, address?.AddressLine3].filter(Boolean).join(', ') || undefined,
      city: address?.City ?? '',
      region: address?.StateOrRegion ?? '',
      postalCode: address?.PostalCode ?? '',
      country: address?.CountryCode ?? '',
      phone: address?.Phone,
    },
    shippingRateName: order.ShipServiceLevel ?? order.ShipmentServiceLevelCategory ?? '',
    shipBy: order.LatestShipDate,
    lines: items
      .filter((item) => item.QuantityOrdered > 0)
      .map((item) => ({
        channelLineId: item.OrderItemId,
        sku: item.SellerSKU || `amazon-asin:${item.ASIN ?? item.OrderItemId}`,
        quantity: item.QuantityOrdered,
        title: item.Title,
        // [SPEC] ItemPrice is the unit price times the quantity ordered.
        unitPriceCents: Math.round((Number(item.ItemPrice?.Amount ?? 0) * 100) / item.QuantityOrdered),
      })),
    fulfilment: FULFILMENT[order.OrderStatus] ?? 'open',
    paid: !PENDING_STATUSES.includes(order.OrderStatus),
  };
}
