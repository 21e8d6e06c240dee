import { describe, expect, it } from 'vitest';
import { REFUSAL_TEXTS } from './contract.js';
import { refusalOf } from './refusals.js';
import { outcome } from './wire.js';

const failed = (section: Record<string, unknown>) => refusalOf(outcome.parse({ status: 'ERROR', ...section }));

describe('refusalOf', () => {
  it.each([
    ['auth', REFUSAL_TEXTS.auth],
    ['auth', 'Customer # not authorized for web services'],
    ['not_ready', REFUSAL_TEXTS.noCreditCard('712920')],
    ['duplicate_po', REFUSAL_TEXTS.duplicatePo('DL-1')],
    ['rejected', REFUSAL_TEXTS.unknownCarrier('XX')],
    ['rejected', 'zip is required'],
  ] as const)('reads %s from "%s"', (kind, errormsg) => {
    expect(failed({ errormsg }).kind).toBe(kind);
  });

  it('reads an unknown item from a line when the order only says its lines have errors, quoting each line by item', () => {
    const refusal = failed({
      errormsg: REFUSAL_TEXTS.lineErrors,
      orderinput: {
        orderline: [
          { itemnum: '581010', errormsg: '' },
          { itemnum: '999999', errormsg: REFUSAL_TEXTS.unknownItem },
        ],
      },
    });

    expect(refusal).toEqual({
      kind: 'unknown_item',
      reason: `${REFUSAL_TEXTS.lineErrors}; item 999999: ${REFUSAL_TEXTS.unknownItem}`,
      hint: 'Check the item numbers mapped to Tucker Rocky.',
    });
  });

  it('does not take a bad quantity for an unknown item, though its line names the item', () => {
    const refusal = failed({
      errormsg: REFUSAL_TEXTS.lineErrors,
      orderinput: { orderline: { itemnum: '581010', errormsg: 'Invalid quantity' } },
    });

    expect(refusal.kind).toBe('rejected');
    expect(refusal.reason).toContain('item 581010: Invalid quantity');
  });

  it('puts a missing credit card before the credentials, as its message names the customer', () => {
    expect(failed({ errormsg: 'Customer number 712920 has no credit card on file' }).kind).toBe('not_ready');
  });

  it('says so when Tucker gives no reason', () => {
    expect(refusalOf(outcome.parse({ status: 'FAILED' })).reason).toBe('status FAILED and no reason given');
  });
});
