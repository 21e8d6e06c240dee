import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DISTRIBUTOR_PLUGINS } from '../distributors/registry.js';
import type { FeedMapping } from '../feeds/mapping.js';

/**
 * Generated WPS-layout feed files for `npm run bench:feed`. Every value of row i comes from a hash of
 * (i, what it is), not from a running random sequence, so any variant of a file (another dealer's
 * prices, the next day's changes) differs from the base file only where it means to, and the files
 * are written a row at a time without holding any of them in memory.
 */
export interface FeedVariant {
  /** 0 is the base file; another dealer's file differs from it only in the cost column. */
  dealer: number;
  /** The next day's file: this share of prices changed. */
  changedPrices?: number;
  /** …and this share of the (item, warehouse) quantities. */
  changedQuantities?: number;
}

export interface GeneratedFeed {
  rows: number;
  bytes: number;
  pricesChanged: number;
  quantitiesChanged: number;
}

/** A value in [0, 1) for row `n` and purpose `salt` (murmur3's 32-bit finaliser over both). */
function unit(n: number, salt: number): number {
  let x = (Math.imul(n, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0) / 4_294_967_296;
}

const DEALER_SALT = 1000;

/** WPS's layout, which has every optional column, so the files exercise all of them. */
export function wpsFeedMapping(): Required<FeedMapping> {
  const mapping = DISTRIBUTOR_PLUGINS.wps.feedMapping;
  const { description, leadTimeDays, manufacturerPartNumber, brand } = mapping ?? {};
  if (!mapping || !description || !leadTimeDays || !manufacturerPartNumber || !brand)
    throw new Error('The bench writes the WPS layout with every optional column');
  return { ...mapping, description, leadTimeDays, manufacturerPartNumber, brand };
}

/**
 * Writes `rows` rows with quoted descriptions holding commas and most items out of stock at most
 * warehouses, as in real feeds. A changed quantity really changes: out of stock becomes stocked, and
 * a stocked one either runs out or moves, so the next day's file has stock rows to add, rewrite and remove.
 */
export async function writeFeedFile(file: string, mapping: Required<FeedMapping>, rows: number, variant: FeedVariant): Promise<GeneratedFeed> {
  const warehouses = Object.values(mapping.warehouseQuantities);
  const header = [
    mapping.distributorSku,
    mapping.description,
    mapping.cost,
    ...warehouses,
    mapping.leadTimeDays,
    mapping.manufacturerPartNumber,
    mapping.brand,
  ];
  const out = createWriteStream(file, { highWaterMark: 1024 * 1024 });
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  let pricesChanged = 0;
  let quantitiesChanged = 0;
  await write(`${header.join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    let cost = 1 + unit(i, 1) * 300;
    if (variant.dealer > 0) cost *= 0.85 + 0.3 * unit(i, DEALER_SALT + variant.dealer);
    if (variant.changedPrices && unit(i, 50) < variant.changedPrices) {
      cost = cost * 1.05 + 0.01;
      pricesChanged++;
    }
    let stock = '';
    for (let w = 0; w < warehouses.length; w++) {
      let quantity = unit(i, 10 + w) < 0.6 ? 0 : Math.floor(unit(i, 20 + w) * 40);
      if (variant.changedQuantities && unit(i, 60 + w) < variant.changedQuantities) {
        const u = unit(i, 70 + w);
        quantity = quantity === 0 ? 1 + Math.floor(u * 39) : u < 0.25 ? 0 : quantity + 1 + Math.floor(u * 10);
        quantitiesChanged++;
      }
      stock += `${quantity},`;
    }
    const sku = `${10 + (i % 90)}-${String(i).padStart(7, '0')}`;
    await write(`${sku},"Part ${i}, assorted",${cost.toFixed(2)},${stock}${Math.floor(unit(i, 3) * 4)},MFR-${i},Brand ${i % 400}\n`);
  }
  out.end();
  await once(out, 'finish');
  return { rows, bytes, pricesChanged, quantitiesChanged };
}
