/**
 * A server fault as it may be logged: its kind, message, SQLSTATE and stack frames, without the values
 * a failed query carried. Drizzle appends every bound parameter to its message and Postgres quotes the
 * offending value in its own, and either may be a buyer's address or a credential.
 */
export function loggableError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  // Some libraries (drizzle) leave name as "Error"; the class says more.
  const type = error.name === 'Error' ? error.constructor.name : error.name;
  const fromPostgres = type === 'PostgresError';
  return {
    type,
    message: fromPostgres ? `PostgreSQL error ${code ?? 'without a code'}` : error.message.split('\nparams:')[0],
    ...(code ? { code } : {}),
    // The stack's first line repeats the message; only the frames are kept.
    stack: error.stack
      ?.split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n'),
    ...(error.cause !== undefined && depth < 3 ? { cause: loggableError(error.cause, depth + 1) } : {}),
  };
}
