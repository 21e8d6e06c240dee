import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { ErrorBanner, Loading, Section, Field } from '../components/ui';
import { dateTime } from '../format';
import { useApi } from '../hooks';
import type { Answer } from '../types';
import { fieldErrors, testOutcome } from './field-errors';

type ChannelAccount = Answer<'/v1/channel-accounts', 'get'>['accounts'][number];

/** eBay, Amazon and Shopify: connect (credentials write-only), test, disconnect; Shopify's webhook address to paste. */
export function ChannelAccounts() {
  const accounts = useApi<Answer<'/v1/channel-accounts', 'get'>>('/channel-accounts');
  return (
    <Section title="Sales channels" id="channels">
      <p className="muted">
        Orders from your website come in through the API (POST /v1/orders). Connect a marketplace to take its orders in as well and to send it tracking.
        Credentials are encrypted when saved and never shown again.
      </p>
      <ErrorBanner error={accounts.error} />
      {!accounts.data && !accounts.error && <Loading what="sales channels" />}
      <div className="accounts">
        {accounts.data?.accounts.map((account) => (
          <ChannelCard key={account.channel} account={account} onSaved={accounts.reload} />
        ))}
      </div>
    </Section>
  );
}

function ChannelCard({ account, onSaved }: { account: ChannelAccount; onSaved: () => Promise<void> }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const saved = (name: string) => (account as unknown as Record<string, string | null>)[name] ?? '';
  const label = (name: string) => `${account.name} ${account.labels[name] ?? name}`;

  const run = async (call: () => Promise<unknown>, done: string) => {
    setMessage(undefined);
    try {
      await call();
      setErrors({});
      setValues({});
      setMessage(done);
      await onSaved();
    } catch (error) {
      setErrors(fieldErrors(error));
    }
  };

  const connect = (event: FormEvent) => {
    event.preventDefault();
    // Blank boxes are left out, so the API names each missing field at its box.
    const given = (names: string[], fallback: (name: string) => string) =>
      Object.fromEntries(names.map((name) => [name, (values[name] ?? fallback(name)).trim()]).filter(([, value]) => value !== ''));
    const body = { ...given(account.accountFields, saved), credentials: given(account.credentialFields, () => '') };
    void run(() => api('PUT', `/channel-accounts/${account.channel}`, body), `${account.name} connected`);
  };

  const test = async () => {
    setMessage('Testing…');
    try {
      setMessage(
        testOutcome(
          await api<Answer<'/v1/channel-accounts/{channel}/test-connection', 'post'>>('POST', `/channel-accounts/${account.channel}/test-connection`),
        ),
      );
    } catch (error) {
      setMessage(errorText(error));
    }
  };

  return (
    <form className="card account" onSubmit={connect} aria-label={`${account.name} account`} noValidate>
      <h3>
        {account.name}{' '}
        <span className={`status ${account.configured ? 'status-ready' : 'status-not_ready'}`}>{account.configured ? 'connected' : 'not connected'}</span>
      </h3>
      <p className="muted">
        {account.configured ? `Credentials saved ${dateTime(account.credentialsSavedAt)}. ` : ''}
        {account.orderIntake.kind === 'poll' ? `Orders are read every ${account.orderIntake.everyMinutes} minutes.` : 'Orders arrive by webhook.'}
      </p>
      {account.accountFields.map((name) => (
        <Field
          key={name}
          label={label(name)}
          autoComplete="off"
          value={values[name] ?? saved(name)}
          onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          error={errors[name]}
        />
      ))}
      {account.credentialFields.map((name) => (
        <Field
          key={name}
          label={label(name)}
          type="password"
          autoComplete="off"
          placeholder={account.configured ? 'saved (hidden); type again to reconnect' : ''}
          value={values[name] ?? ''}
          onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          error={errors[`credentials.${name}`] ?? errors[name]}
        />
      ))}
      {account.orderIntake.kind === 'webhook' && <WebhookSetup account={account} path={account.orderIntake.path} topics={account.orderIntake.topics} />}
      {(errors.form ?? errors.credentials) && (
        <p className="error-text" role="alert">
          {errors.form ?? errors.credentials}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="small">
          {account.configured ? 'Reconnect' : 'Connect'}
        </button>
        <button type="button" className="secondary small" disabled={!account.configured} onClick={() => void test()}>
          Test connection
        </button>
        {(account.configured || account.shopDomain || account.sellerId) && (
          <button
            type="button"
            className="secondary small"
            onClick={() => void run(() => api('DELETE', `/channel-accounts/${account.channel}`), `${account.name} disconnected`)}
          >
            Disconnect
          </button>
        )}
      </div>
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
    </form>
  );
}

/**
 * Where Shopify sends orders, on this server's own address. The signing secret is Shopify's, not
 * ours: Shopify shows it with the webhooks (Settings → Notifications → Webhooks) and signs every
 * delivery with it, so the dealer copies it from there into the box above; Dropline keeps it
 * encrypted and never shows it back.
 */
function WebhookSetup({ account, path, topics }: { account: ChannelAccount; path: string; topics: string[] }) {
  const url = `${window.location.origin}${path}`;
  return (
    <div className="webhook" aria-label="Shopify webhook">
      <p className="label">Webhook URL</p>
      <p>
        <code className="copyable">{url}</code>{' '}
        <button type="button" className="secondary small" onClick={() => void navigator.clipboard?.writeText(url)}>
          Copy URL
        </button>
      </p>
      <p className="muted">
        In Shopify, add a JSON webhook to this URL for each of {topics.join(', ')}. Shopify shows the secret it signs them with under the webhooks; paste it
        into “{account.labels.webhookSecret ?? 'Webhook signing secret'}”.
      </p>
      <p className="muted">{account.configured ? 'Signing secret: saved (hidden).' : 'Signing secret: not saved yet.'}</p>
    </div>
  );
}
