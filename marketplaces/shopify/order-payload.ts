import { z } from 'zod';
import type { ChannelOrder } from '../../domain/channel-orders.js';
import { gid } from './contract.js';

/**
 * The order webhooks' body (`orders/create`, `orders/updated`, `orders/cancelled` carry the same order): the REST-style order (external-apis §5.3, [INFERRED from common
 * payload samples]). Only what intake reads is checked; Shopify adds fields over time.
 */

/**
 * Shopify's ids are 64-bit and an order's can pass 2^53, past which JSON.parse rounds a number to a
 * neighbour. So the body is parsed with the id fields intake reads kept as their digits. Inside a
 * JSON string every quote is escaped, so the pattern can only meet a key.
 */
const ID_FIELDS = /"(id|variant_id)"(\s*:\s*)(\d+)/g;

export function parseShopifyOrderJson(text: string): unknown {
  return JSON.parse(text.replace(ID_FIELDS, '"$1"$2"$3"'));
}

const shopifyId = z.string().regex(/^[1-9]\d*$/, 'must be a Shopify id');
const text = z.string().nullish();
const money = z.string().regex(/^\d+(\.\d+)?$/, 'must be an amount such as "129.95"');

const address = z.object({
  name: text,
  first_name: text,
  last_name: text,
  company: text,
  address1: text,
  address2: text,
  city: text,
  province_code: text,
  zip: text,
  country_code: text,
  phone: text,
});

export const shopifyOrderPayload = z.object({
  id: shopifyId,
  admin_graphql_api_id: z.string().startsWith('gid://shopify/Order/').optional(),
  email: text,
  phone: text,
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }).nullish(),
  cancelled_at: z.iso.datetime({ offset: true }).nullish(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  customer: z.object({ first_name: text, last_name: text, email: text, phone: text }).nullish(),
  shipping_address: address.nullish(),
  shipping_lines: z.array(z.object({ title: z.string() })).default([]),
  line_items: z
    .array(
      z.object({
        id: shopifyId,
        sku: text,
        variant_id: shopifyId.nullish(),
        title: text,
        quantity: z.number().int().positive(),
        price: money,
      }),
    )
    .min(1),
});

export type ShopifyOrderPayload = z.infer<typeof shopifyOrderPayload>;

/**
 * [ASSUMED, medium] Money the shop holds or has taken: a shop that captures payment at fulfilment
 * has every order `authorized`, and those must be drop-shipped too. `pending`, `partially_paid`,
 * `refunded` and `voided` orders wait.
 */
const PAID = ['authorized', 'paid', 'partially_refunded'];

const joined = (...parts: Array<string | null | undefined>) => parts.filter(Boolean).join(' ');

/** Maps a valid payload to the normalised order. */
export function channelOrderFromShopify(payload: ShopifyOrderPayload): ChannelOrder {
  const ship = payload.shipping_address;
  const customerName = joined(payload.customer?.first_name, payload.customer?.last_name);
  const recipient = ship?.name || joined(ship?.first_name, ship?.last_name);
  return {
    channel: 'shopify',
    channelOrderId: payload.admin_graphql_api_id ?? gid('Order', payload.id),
    createdAt: payload.created_at,
    updatedAt: payload.updated_at ?? payload.created_at,
    buyer: {
      name: customerName || recipient,
      email: payload.email ?? payload.customer?.email ?? undefined,
      phone: payload.phone ?? payload.customer?.phone ?? undefined,
    },
    // An order that ships nowhere has no address; routing then names what is missing.
    shipTo: {
      name: recipient,
      company: ship?.company ?? undefined,
      line1: ship?.address1 ?? '',
      line2: ship?.address2 ?? undefined,
      city: ship?.city ?? '',
      region: ship?.province_code ?? '',
      postalCode: ship?.zip ?? '',
      country: ship?.country_code ?? '',
      phone: ship?.phone ?? undefined,
    },
    shippingRateName: payload.shipping_lines[0]?.title ?? '',
    lines: payload.line_items.map((line) => ({
      // The tracking push finds a line by its order line item id (shopify/adapter.ts).
      channelLineId: gid('LineItem', line.id),
      // A line without a SKU still belongs to the order; the variant names it for the dealer.
      sku: line.sku || `shopify-variant:${line.variant_id ?? line.id}`,
      quantity: line.quantity,
      title: line.title ?? undefined,
      unitPriceCents: Math.round(Number(line.price) * 100),
    })),
    fulfilment: payload.cancelled_at
      ? 'cancelled'
      : payload.fulfillment_status === 'fulfilled'
        ? 'shipped'
        : payload.fulfillment_status === 'partial'
          ? 'partially_shipped'
          : 'open',
    paid: PAID.includes(payload.financial_status ?? ''),
  };
}
