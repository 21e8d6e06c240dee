import type { SentEmail } from './index.js';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** The sandbox's inbox for people running Dropline locally: newest first, refreshed every few seconds. */
export function inboxPage(emails: readonly SentEmail[]): string {
  const rows = [...emails]
    .reverse()
    .map(
      (email) => `<article>
  <h2>${escapeHtml(email.subject)}</h2>
  <p class="meta">To ${escapeHtml(email.to.join(', '))} · from ${escapeHtml(email.from)} ·
    <time>${escapeHtml(email.createdAt)}</time></p>
  <pre>${escapeHtml(email.text ?? '')}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Resend sandbox · ${emails.length} sent</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  article { border-top: 1px solid #ddd; padding: .5rem 0; }
  h2 { font-size: 1.05rem; margin: .5rem 0 .2rem; }
  .meta { color: #666; margin: 0; font-size: .9rem; }
  pre { white-space: pre-wrap; background: #f6f6f6; padding: .6rem; }
</style>
</head>
<body>
<h1>Emails sent to the Resend sandbox</h1>
${rows || '<p>No emails yet.</p>'}
</body>
</html>
`;
}
