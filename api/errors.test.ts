import { describe, expect, it } from 'vitest';
import { fieldInWords, sentence } from './errors.js';

describe('validation messages as sentences', () => {
  it('keeps a message our schemas worded, as a sentence', () => {
    expect(sentence('Order must be an order ID or an order number', ['orderId'])).toBe('Order must be an order ID or an order number.');
    expect(sentence('sort must be one of newest, ship_by', ['sort'])).toBe('Sort must be one of newest, ship_by.');
    expect(sentence('City is required.', ['shipTo', 'city'])).toBe('City is required.');
  });

  it("replaces zod's generic wording with the field named in words, never its path", () => {
    expect(sentence('Invalid input: expected string, received undefined', ['shipTo', 'postalCode'])).toBe('Ship-to postal code is missing or invalid.');
    expect(sentence(undefined, ['lines', '0', 'unitPrice'])).toBe('Lines unit price is missing or invalid.');
    expect(sentence('Too small: expected array to have >=1 items', [])).toBe('The request is missing or invalid.');
  });

  it('names fields in words', () => {
    expect(fieldInWords(['poNumber'])).toBe('PO number');
    expect(fieldInWords(['orderId'])).toBe('order ID');
    expect(fieldInWords(['buyer', 'email'])).toBe('buyer email');
  });
});
