import type { ChannelOrder } from '../../domain/channel-orders.js';
import { PENDING_STATUSES } from './contract.js';
import type { AmazonOrder } from './wire.js';

const FULFILMENT: Partial<Record<string, ChannelOrder['fulfilment']>> = {
  CANCELLED: 'cancelled',
  SHIPPED: 'shipped',
  PARTIALLY_SHIPPED: 'partially_shipped',
};

/** A searchOrders order (with RECIPIENT, BUYER and FULFILLMENT) in the normalised shape. */
export function channelOrderFromAmazon(order: AmazonOrder): ChannelOrder {
  const address = order.recipient?.deliveryAddress;
  const status = order.fulfillment?.fulfillmentStatus;
  const shipBy = order.fulfillment?.shipByWindow?.latestDateTime;
  return {
    channel: 'amazon',
    channelOrderId: order.orderId,
    createdAt: order.createdTime,
    updatedAt: order.lastUpdatedTime,
    buyer: { name: order.buyer?.buyerName ?? address?.name ?? '', email: order.buyer?.buyerEmail, phone: address?.phone },
    // An unpaid order comes without its address; it arrives with the payment, and intake updates it then.
    shipTo: {
      name: address?.name ?? '',
      ...(address?.companyName ? { company: address.companyName } : {}),
      line1: address?.addressLine1 ?? '',
      line2: [address?.addressLine2, address?.addressLine3].filter(Boolean).join(', ') || undefined,
      city: address?.city ?? '',
      region: address?.stateOrRegion ?? '',
      postalCode: address?.postalCode ?? '',
      country: address?.countryCode ?? '',
      phone: address?.phone,
    },
    // The new API names only the service level's category (STANDARD, EXPEDITED, ...), not v0's ShipServiceLevel.
    shippingRateName: order.fulfillment?.fulfillmentServiceLevel ?? '',
    lines: order.orderItems
      .filter((item) => item.quantityOrdered > 0)
      .map((item) => ({
        channelLineId: item.orderItemId,
        sku: item.product.sellerSku || `amazon-asin:${item.product.asin ?? item.orderItemId}`,
        quantity: item.quantityOrdered,
        title: item.product.title,
        // [SPEC] unitPrice is one unit's price, before any quantity-based calculation.
        unitPriceCents: Math.round(Number(item.product.price?.unitPrice?.amount ?? 0) * 100),
      })),
    fulfilment: (status === undefined ? undefined : FULFILMENT[status]) ?? 'open',
    paid: status !== undefined && !PENDING_STATUSES.includes(status),
    ...(shipBy ? { shipBy: new Date(shipBy).toISOString() } : {}),
  };
}
