import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { loggableError } from './loggable-error.js';

describe('loggableError', () => {
  it('keeps what went wrong and where, and drops the values a failed query carried', () => {
    const fromPostgres = Object.assign(new Error('invalid input syntax for type uuid: "jane.rider@example.com"'), { name: 'PostgresError', code: '22P02' });
    const failed = new DrizzleQueryError('insert into "orders" ("buyer_email") values ($1)', ['jane.rider@example.com'], fromPostgres);

    const logged = loggableError(failed);

    expect(JSON.stringify(logged)).not.toContain('jane.rider@example.com');
    expect(logged).toMatchObject({
      type: 'DrizzleQueryError',
      message: 'Failed query: insert into "orders" ("buyer_email") values ($1)',
      stack: expect.stringContaining('loggable-error.test.ts'),
      cause: { type: 'PostgresError', message: 'PostgreSQL error 22P02', code: '22P02' },
    });
  });

  it('logs a plain error as it is, and a thrown non-error only by its type', () => {
    expect(loggableError(new TypeError('x is not a function'))).toMatchObject({ type: 'TypeError', message: 'x is not a function' });
    expect(loggableError('a string with a secret')).toEqual({ type: 'string' });
  });
});
