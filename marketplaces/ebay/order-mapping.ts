import type { ChannelOrder } from '../../domain/channel-orders.js';
import type { EbayOrder } from './wire.js';

/** [SPEC] OrderPaymentStatusEnum values under which the buyer's money is with the seller. */
const PAID = ['PAID', 'PARTIALLY_REFUNDED'];

function fulfilment(order: EbayOrder): ChannelOrder['fulfilment'] {
  if (order.cancelStatus?.cancelState === 'CANCELED') return 'cancelled';
  if (order.orderFulfillmentStatus === 'FULFILLED') return 'shipped';
  return order.orderFulfillmentStatus === 'IN_PROGRESS' ? 'partially_shipped' : 'open';
}

/** eBay dates each line; the order is late once its first line is. */
function earliestShipBy(order: EbayOrder): string | undefined {
  const dates = order.lineItems.flatMap((line) => line.lineItemFulfillmentInstructions?.shipByDate ?? []);
  if (dates.length === 0) return undefined;
  return new Date(Math.min(...dates.map((date) => Date.parse(date)))).toISOString();
}

/**
 * eBay's order in the normalised shape. eBay stops returning the buyer's name and address 90 days
 * after the sale (external-apis §5.1); such an order arrives with blanks, which routing reports.
 */
export function channelOrderFromEbay(order: EbayOrder): ChannelOrder {
  const step = order.fulfillmentStartInstructions[0]?.shippingStep;
  const shipTo = step?.shipTo;
  const address = shipTo?.contactAddress;
  const phone = shipTo?.primaryPhone?.phoneNumber;
  return {
    channel: 'ebay',
    channelOrderId: order.orderId,
    // The order schema refuses an order with neither date.
    createdAt: (order.creationDate ?? order.lastModifiedDate)!,
    updatedAt: (order.lastModifiedDate ?? order.creationDate)!,
    buyer: { name: shipTo?.fullName ?? order.buyer?.username ?? '', email: shipTo?.email, phone },
    shipTo: {
      name: shipTo?.fullName ?? '',
      company: shipTo?.companyName,
      line1: address?.addressLine1 ?? '',
      line2: address?.addressLine2,
      city: address?.city ?? '',
      region: address?.stateOrProvince ?? '',
      postalCode: address?.postalCode ?? '',
      country: address?.countryCode ?? '',
      phone,
    },
    shippingRateName: step?.shippingServiceCode ?? '',
    shipBy: earliestShipBy(order),
    lines: order.lineItems.map((line) => ({
      channelLineId: line.lineItemId,
      // A listing without a SKU still sold; its item number names it for the dealer.
      sku: line.sku || `ebay-item:${line.legacyItemId ?? line.lineItemId}`,
      quantity: line.quantity,
      title: line.title,
      // [SPEC] lineItemCost is the unit price times the quantity.
      unitPriceCents: Math.round((Number(line.lineItemCost.value) * 100) / line.quantity),
    })),
    fulfilment: fulfilment(order),
    paid: PAID.includes(order.orderPaymentStatus ?? ''),
  };
}
