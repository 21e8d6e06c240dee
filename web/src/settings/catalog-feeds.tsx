import { useEffect, useState, type FormEvent } from 'react';
import { api, errorText } from '../api';
import { ErrorBanner, Field, Loading, Section, Status } from '../components/ui';
import { useDistributors } from '../distributors';
import { useApi } from '../hooks';
import type { Answer, DistributorId } from '../types';
import { fieldErrors } from './field-errors';

type Feed = Answer<'/v1/catalog-feeds', 'get'>['feeds'][number];
type FeedImport = Feed['recentImports'][number];
type Draft = Record<string, string | boolean>;

const TRANSPORTS = { sftp: 'SFTP', ftp: 'FTP', https: 'HTTPS' } as const;

/**
 * Each distributor's daily price and inventory file: where it is (secrets write-only), when it is
 * fetched, "Import now", and what the latest imports read, with the first bad rows by line number.
 */
export function CatalogFeeds({ timeZone }: { timeZone: string | undefined }) {
  const feeds = useApi<Answer<'/v1/catalog-feeds', 'get'>>('/catalog-feeds');
  const distributors = useDistributors();
  const [adding, setAdding] = useState<DistributorId | ''>('');
  // Said above the feeds: a new feed's form gives way to the saved feed's card, which would lose a message of its own.
  const [notice, setNotice] = useState<string>();
  const [watchUntil, setWatchUntil] = useState(0);
  const { reload } = feeds;
  // After "Import now", reload until the import is in and finished (or a minute has passed); no polling otherwise.
  useEffect(() => {
    if (watchUntil === 0) return;
    const timer = setInterval(() => {
      if (Date.now() > watchUntil) setWatchUntil(0);
      else void reload();
    }, 1500);
    return () => clearInterval(timer);
  }, [watchUntil, reload]);
  const setWatching = () => setWatchUntil(Date.now() + 60_000);

  const unset = distributors.list.filter((d) => !feeds.data?.feeds.some((feed) => feed.distributor === d.id));
  return (
    <Section title="Catalog feeds" id="feeds">
      <p className="muted">Each distributor’s price and inventory file is fetched daily at the time you set; its rows become your catalog and stock.</p>
      <ErrorBanner error={feeds.error} />
      {notice && (
        <p role="status" className="banner ok">
          {notice}
        </p>
      )}
      {!feeds.data && !feeds.error && <Loading what="catalog feeds" />}
      {feeds.data?.feeds.map((feed) => (
        <FeedCard
          key={feed.distributor}
          name={distributors.name(feed.distributor)}
          distributor={feed.distributor}
          feed={feed}
          timeZone={timeZone}
          onChanged={async (said) => {
            setNotice(said);
            await feeds.reload();
          }}
          onImport={setWatching}
        />
      ))}
      {feeds.data && unset.length > 0 && (
        <div className="row">
          <div className="field">
            <label htmlFor="new-feed">Set up a feed for</label>
            <select id="new-feed" value={adding} onChange={(e) => setAdding(e.target.value as DistributorId)}>
              <option value="">Choose a distributor…</option>
              {unset.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {adding && (
        <FeedCard
          key={`new-${adding}`}
          name={distributors.name(adding)}
          distributor={adding}
          feed={null}
          timeZone={timeZone}
          onChanged={async (said) => {
            setNotice(said);
            await feeds.reload();
            setAdding('');
          }}
          onImport={setWatching}
        />
      )}
    </Section>
  );
}

function FeedCard(props: {
  name: string;
  distributor: DistributorId;
  feed: Feed | null;
  timeZone: string | undefined;
  onChanged: (notice: string) => Promise<void>;
  onImport: () => void;
}) {
  const { name, distributor, feed, timeZone, onChanged, onImport } = props;
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const saved: Draft = {
    transport: feed?.transport ?? 'sftp',
    host: feed?.host ?? '',
    port: feed?.port === null || feed?.port === undefined ? '' : String(feed.port),
    path: feed?.path ?? '',
    username: feed?.username ?? '',
    password: '',
    privateKey: '',
    hostKeySha256: feed?.hostKeySha256 ?? '',
    time: `${pad(feed?.scheduleHour ?? 5)}:${pad(feed?.scheduleMinute ?? 0)}`,
    timeZone: feed?.timeZone ?? timeZone ?? '',
    enabled: feed?.enabled ?? true,
  };
  const value = (key: string) => draft[key] ?? saved[key]!;
  const text = (key: string) => String(value(key));
  const set = (key: string) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const transport = text('transport') as keyof typeof TRANSPORTS;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    const [hour, minute] = text('time').split(':').map(Number);
    const optional = (key: string) => (text(key).trim() === '' ? undefined : text(key).trim());
    const body = {
      transport,
      host: text('host').trim(),
      port: optional('port') === undefined ? undefined : Number.isFinite(Number(text('port'))) ? Number(text('port')) : text('port'),
      path: text('path').trim(),
      username: optional('username'),
      password: optional('password'),
      privateKey: transport === 'sftp' ? optional('privateKey') : undefined,
      hostKeySha256: transport === 'sftp' ? optional('hostKeySha256') : undefined,
      timeZone: text('timeZone').trim(),
      scheduleHour: hour,
      scheduleMinute: minute,
      enabled: value('enabled') === true,
    };
    try {
      await api('PUT', `/catalog-feeds/${distributor}`, body);
      setErrors({});
      setDraft({});
      await onChanged(`${name} feed saved`);
    } catch (error) {
      const found = fieldErrors(error);
      // The schedule's hour and minute are one box.
      const time = found.scheduleHour ?? found.scheduleMinute ?? found.scheduleCron;
      setErrors(time ? { ...found, time } : found);
    }
  };

  const importNow = async () => {
    setMessage(undefined);
    try {
      await api('POST', `/catalog-feeds/${distributor}/import-now`);
      onImport();
      await onChanged(`${name} import started`);
    } catch (error) {
      setMessage(errorText(error));
    }
  };

  return (
    <section className="card feed" aria-label={`${name} feed`}>
      <h3>
        {name} {feed && <Status value={feed.enabled ? 'ready' : 'not_ready'} label={feed.enabled ? 'daily' : 'paused'} />}
      </h3>
      <form onSubmit={(e) => void save(e)} aria-label={`${name} feed settings`} noValidate>
        <div className="row">
          <div className="field">
            <label htmlFor={`${distributor}-transport`}>Transport</label>
            <select id={`${distributor}-transport`} value={transport} onChange={set('transport')}>
              {Object.entries(TRANSPORTS).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <Field label="Host" value={text('host')} onChange={set('host')} error={errors.host} placeholder="ftp.distributor.com" />
          <Field label="Port" inputMode="numeric" value={text('port')} onChange={set('port')} error={errors.port} hint="Blank for the usual one" />
          <Field label="File path" value={text('path')} onChange={set('path')} error={errors.path} placeholder="/feeds/prices.csv" />
        </div>
        <div className="row">
          <Field label="Username" autoComplete="off" value={text('username')} onChange={set('username')} error={errors.username} />
          <Field
            label="Password"
            type="password"
            autoComplete="new-password"
            placeholder={feed?.secretSaved ? 'saved (hidden); type to replace' : ''}
            value={text('password')}
            onChange={set('password')}
            error={errors.password}
          />
          {transport === 'sftp' && (
            <Field
              label="Host key SHA-256"
              value={text('hostKeySha256')}
              onChange={set('hostKeySha256')}
              error={errors.hostKeySha256}
              hint="Optional: the server's key fingerprint, 64 hex characters"
            />
          )}
        </div>
        {transport === 'sftp' && (
          <div className="field">
            <label htmlFor={`${distributor}-key`}>Private key (instead of a password)</label>
            <textarea
              id={`${distributor}-key`}
              rows={2}
              autoComplete="off"
              placeholder={feed?.secretSaved ? 'a secret is saved (hidden); paste a key to use one instead' : ''}
              value={text('privateKey')}
              onChange={set('privateKey')}
              aria-invalid={errors.privateKey ? true : undefined}
            />
            {errors.privateKey && (
              <small className="error-text" role="alert">
                {errors.privateKey}
              </small>
            )}
          </div>
        )}
        <div className="row">
          <Field label="Fetch daily at" type="time" value={text('time')} onChange={set('time')} error={errors.time} />
          <Field label="Time zone" value={text('timeZone')} onChange={set('timeZone')} error={errors.timeZone} placeholder="America/Chicago" />
          <div className="field checkbox">
            <input
              id={`${distributor}-enabled`}
              type="checkbox"
              checked={value('enabled') === true}
              onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
            />
            <label htmlFor={`${distributor}-enabled`}>Fetch on schedule</label>
          </div>
        </div>
        {errors.form && (
          <p className="error-text" role="alert">
            {errors.form}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="small">
            Save feed
          </button>
          {feed && (
            <button type="button" className="secondary small" onClick={() => void importNow()}>
              Import now
            </button>
          )}
        </div>
        {message && (
          <p role="status" className="muted">
            {message}
          </p>
        )}
      </form>
      {feed && <ImportHistory name={name} imports={feed.recentImports} timeZone={timeZone} />}
    </section>
  );
}

function ImportHistory({ name, imports, timeZone }: { name: string; imports: FeedImport[]; timeZone: string | undefined }) {
  if (imports.length === 0) return <p className="muted">No imports yet.</p>;
  return (
    <div className="table-wrap">
      <table className="cards" aria-label={`${name} import history`}>
        <thead>
          <tr>
            <th>Started</th>
            <th>Status</th>
            <th>Rows read</th>
            <th>Imported</th>
            <th>Unchanged</th>
            <th>Bad</th>
            <th>Took</th>
            <th>First bad rows</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((run) => (
            <tr key={run.id}>
              <td data-label="Started">{inZone(String(run.startedAt), timeZone)}</td>
              <td data-label="Status">
                <Status value={run.status === 'succeeded' ? 'completed' : run.status} label={run.status} />
                {run.error && <span className="reason">{run.error}</span>}
              </td>
              <td data-label="Rows read">{run.rowsRead}</td>
              <td data-label="Imported">{run.rowsOk}</td>
              <td data-label="Unchanged">{run.rowsHeld}</td>
              <td data-label="Bad">{run.rowsBad}</td>
              <td data-label="Took">{run.durationMs === null ? '—' : seconds(run.durationMs)}</td>
              <td data-label="First bad rows">
                {run.badRows.length === 0 ? (
                  '—'
                ) : (
                  <ul className="reasons">
                    {run.badRows.map((row) => (
                      <li key={row.line}>
                        Line {row.line}: {row.reason}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
const inZone = (iso: string, timeZone: string | undefined) => new Date(iso).toLocaleString(undefined, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
