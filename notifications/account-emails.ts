import { escape } from './templates.js';
import type { EmailMessage } from './types.js';

/** The emails that carry a one-time link: an invitation to join a dealer, and a password reset. */

export function invitationEmail(input: { from: string; to: string; dealerName: string; role: string; link: string; expiresAt: Date }): EmailMessage {
  const lines = [
    `You have been invited to ${input.dealerName} on Dropline as ${input.role === 'owner' ? 'an owner' : input.role}.`,
    `Choose your name and password here (the link works once, until ${input.expiresAt.toUTCString()}):`,
  ];
  return message(input, `Join ${input.dealerName} on Dropline`, lines, input.link, 'invitation');
}

export function passwordResetEmail(input: { from: string; to: string; dealerName: string; link: string; expiresAt: Date }): EmailMessage {
  const lines = [
    `Someone asked to reset your Dropline password for ${input.dealerName}. If it was not you, ignore this email.`,
    `Choose a new password here (the link works once, until ${input.expiresAt.toUTCString()}):`,
  ];
  return message(input, 'Reset your Dropline password', lines, input.link, 'password_reset');
}

function message(input: { from: string; to: string }, subject: string, lines: string[], link: string, kind: string): EmailMessage {
  return {
    from: input.from,
    to: [input.to],
    subject,
    html: `${lines.map((line) => `<p>${escape(line)}</p>`).join('')}<p><a href="${escape(link)}">${escape(link)}</a></p>`,
    text: `${lines.join('\n')}\n${link}\n`,
    tags: [{ name: 'kind', value: kind }],
  };
}
