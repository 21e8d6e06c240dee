import { describe, expect, it } from 'vitest';
import { channelUpdate, dropshipBlockedBecause, intakeStatus } from './channel-orders.js';

describe('intake status', () => {
  it('drop-ships only orders that are paid, not cancelled and not already shipped', () => {
    expect(intakeStatus({ fulfilment: 'open', paid: true })).toBe('open');
    expect(intakeStatus({ fulfilment: 'partially_shipped', paid: true })).toBe('open');
    expect(intakeStatus({ fulfilment: 'open', paid: false })).toBe('awaiting_payment');
    expect(intakeStatus({ fulfilment: 'cancelled', paid: true })).toBe('cancelled');
    expect(intakeStatus({ fulfilment: 'cancelled', paid: false })).toBe('cancelled');
    expect(intakeStatus({ fulfilment: 'shipped', paid: true })).toBe('shipped');
  });

  it('names why an order may not be drop-shipped', () => {
    expect(dropshipBlockedBecause('open')).toBeNull();
    expect(dropshipBlockedBecause('dropshipping')).toBeNull();
    expect(dropshipBlockedBecause('awaiting_payment')).toBe('This order is not paid yet, so nothing is drop-shipped for it');
    expect(dropshipBlockedBecause('cancelled')).toBe('This order was cancelled, so nothing is drop-shipped for it');
  });
});

describe('a later report of an order already taken in', () => {
  it('follows the channel until a drop-ship exists', () => {
    expect(channelUpdate({ status: 'awaiting_payment', hasDropship: false }, { fulfilment: 'open', paid: true })).toEqual({ status: 'open' });
    expect(channelUpdate({ status: 'open', hasDropship: false }, { fulfilment: 'cancelled', paid: true })).toEqual({ status: 'cancelled' });
    expect(channelUpdate({ status: 'open', hasDropship: false }, { fulfilment: 'open', paid: true })).toBeNull();
  });

  it('never reopens a cancelled order', () => {
    expect(channelUpdate({ status: 'cancelled', hasDropship: false }, { fulfilment: 'open', paid: true })).toBeNull();
  });

  it('leaves Dropline’s status alone once a drop-ship exists, and asks the dealer about a cancellation', () => {
    expect(channelUpdate({ status: 'dropshipping', hasDropship: true }, { fulfilment: 'shipped', paid: true })).toBeNull();
    expect(channelUpdate({ status: 'open', hasDropship: true }, { fulfilment: 'cancelled', paid: true })).toEqual({ tellDealer: 'cancelled_after_dropship' });
    expect(channelUpdate({ status: 'cancelled', hasDropship: true }, { fulfilment: 'cancelled', paid: true })).toBeNull();
  });
});
