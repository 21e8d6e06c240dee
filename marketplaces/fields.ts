import { z } from 'zod';

/** A text field the dealer fills in, with messages that name it. */
export const field = (label: string, max = 200) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`)
    .describe(label);
