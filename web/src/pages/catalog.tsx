import { useState, type FormEvent } from 'react';
import { api, ApiError, errorText, withQuery } from '../api';
import { ErrorBanner, Field, Loading, Section } from '../components/ui';
import { dateTime, money } from '../format';
import { useApi } from '../hooks';
import { Link, navigate } from '../router';
import { useDistributors, type Distributors } from '../distributors';
import type { Answer } from '../types';

type CatalogPage = Answer<'/v1/catalog/items', 'get'>;
type CatalogItem = CatalogPage['items'][number];

/**
 * The dealer's catalog: search the distributors' items, see stock per warehouse and lead times, and
 * link a SKU of the dealer's to a distributor part. Opened from an order's unroutable line ("Fix in
 * catalog"), it carries that SKU and drop-ship along, so the order can be routed again from here.
 */
export function CatalogPage({ query }: { query: URLSearchParams }) {
  const applied = { q: query.get('q') ?? '', distributor: query.get('distributor') ?? '' };
  const fixing = { sku: query.get('sku'), order: query.get('order'), dropship: query.get('dropship') };
  const [form, setForm] = useState(applied);
  const [selected, setSelected] = useState<string | null>(null);
  const distributors = useDistributors();
  const result = useApi<CatalogPage>(withQuery('/catalog/items', { ...applied, cursor: query.get('cursor'), limit: 25 }));
  const here = (changes: Record<string, string | null>) =>
    withQuery('/catalog', { ...applied, sku: fixing.sku, order: fixing.order, dropship: fixing.dropship, ...changes });

  const search = (event: FormEvent) => {
    event.preventDefault();
    setSelected(null);
    navigate(here({ q: form.q.trim(), distributor: form.distributor, cursor: null }));
  };
  const keyOf = (item: CatalogItem) => `${item.distributor}/${item.distributorSku}`;
  const item = result.data?.items.find((i) => keyOf(i) === selected) ?? null;
  const linkedAlready = result.data?.items.some((i) => i.links.some((l) => l.dealerSku === fixing.sku)) ?? false;

  return (
    <section>
      <h1>Catalog</h1>
      {fixing.sku && (
        <p className="banner">
          {linkedAlready ? (
            <>
              Your SKU <strong>{fixing.sku}</strong> is linked to a distributor part; open it to route the order again.{' '}
            </>
          ) : (
            <>
              No distributor carries your SKU <strong>{fixing.sku}</strong> yet. Find the distributor&rsquo;s part (search by brand, part number or
              description), open it, and link it to {fixing.sku}.{' '}
            </>
          )}
          {fixing.order && <Link to={`/orders/${encodeURIComponent(fixing.order)}`}>Back to the order</Link>}
        </p>
      )}
      <form className="filters" role="search" aria-label="Search the catalog" onSubmit={search}>
        <Field
          label="Search"
          type="search"
          value={form.q}
          hint="SKU, your SKU, brand, part number or description"
          onChange={(e) => setForm({ ...form, q: e.target.value })}
        />
        <div className="field">
          <label htmlFor="catalog-distributor">Distributor</label>
          <select id="catalog-distributor" value={form.distributor} onChange={(e) => setForm({ ...form, distributor: e.target.value })}>
            <option value="">Any</option>
            {distributors.list.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <ErrorBanner error={result.error} />
      {!result.data && !result.error && <Loading what="the catalog" />}
      {result.data?.items.length === 0 && (
        <p>
          {applied.q
            ? `Nothing in your catalog matches “${applied.q}”. Try the brand, the part number or a word of the description.`
            : 'Your catalog is empty; import a distributor feed first.'}
        </p>
      )}
      {result.data && result.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col">Your SKU</th>
                <th scope="col">Brand and part number</th>
                <th scope="col">Description</th>
                <th scope="col">Cost</th>
                <th scope="col">In stock</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {result.data.items.map((row) => (
                <tr key={keyOf(row)} aria-selected={keyOf(row) === selected}>
                  <th scope="row" data-label="Part">
                    {distributors.name(row.distributor)} {row.distributorSku}
                  </th>
                  <td data-label="Your SKU">{[row.dealerSku, ...row.links.map((l) => l.dealerSku)].join(', ')}</td>
                  <td data-label="Brand and part number">{[row.brand, row.manufacturerPartNumber].filter(Boolean).join(' ') || '—'}</td>
                  <td data-label="Description">{row.description ?? '—'}</td>
                  <td data-label="Cost">{money(row.costCents)}</td>
                  <td data-label="In stock">{row.stock.reduce((sum, s) => sum + s.quantity, 0)}</td>
                  <td data-label="Details">
                    <button type="button" className="secondary" onClick={() => setSelected(keyOf(row))} aria-label={`Open ${row.distributorSku}`}>
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.data?.nextCursor && (
        <p>
          <button type="button" onClick={() => navigate(here({ cursor: result.data!.nextCursor }))}>
            More items
          </button>
        </p>
      )}
      {item && <ItemDetail item={item} distributors={distributors} fixing={fixing} onChanged={() => void result.reload()} />}
    </section>
  );
}

interface Fixing {
  sku: string | null;
  order: string | null;
  dropship: string | null;
}

/** One item: stock per warehouse with lead times, the dealer's links to it, and the link editor. */
function ItemDetail({ item, distributors, fixing, onChanged }: { item: CatalogItem; distributors: Distributors; fixing: Fixing; onChanged: () => void }) {
  const name = distributors.name(item.distributor);
  return (
    <Section title={`${name} ${item.distributorSku}`} id="catalog-item">
      <dl className="facts">
        <dt>Description</dt>
        <dd>{item.description ?? '—'}</dd>
        <dt>Brand</dt>
        <dd>{item.brand ?? '—'}</dd>
        <dt>Manufacturer part number</dt>
        <dd>{item.manufacturerPartNumber ?? '—'}</dd>
        <dt>Your cost</dt>
        <dd>{money(item.costCents)}</dd>
        <dt>Distributor lead time</dt>
        <dd>{item.leadTimeDays === null ? 'Not given by the feed' : days(item.leadTimeDays)}</dd>
        <dt>Updated</dt>
        <dd>{dateTime(item.updatedAt)}</dd>
      </dl>
      <h3>Stock per warehouse</h3>
      {item.stock.length === 0 ? (
        <p className="muted">No stock at any warehouse as of the last import.</p>
      ) : (
        <div className="table-wrap">
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">Warehouse</th>
                <th scope="col">Quantity</th>
                <th scope="col">Lead time</th>
                <th scope="col">As of</th>
              </tr>
            </thead>
            <tbody>
              {item.stock.map((s) => (
                <tr key={s.warehouseCode}>
                  <th scope="row" data-label="Warehouse">
                    {s.warehouseName ? `${s.warehouseName} (${s.warehouseCode})` : s.warehouseCode}
                  </th>
                  <td data-label="Quantity">{s.quantity}</td>
                  <td data-label="Lead time">
                    {s.leadTimeDays === null
                      ? 'Not in your warehouse list (too slow to drop-ship)'
                      : `${days(s.leadTimeDays)}${s.leadTimeDays > 1 ? ' (too slow to drop-ship)' : ''}`}
                  </td>
                  <td data-label="As of">{dateTime(s.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Links item={item} name={name} fixing={fixing} onChanged={onChanged} />
    </Section>
  );
}

function Links({ item, name, fixing, onChanged }: { item: CatalogItem; name: string; fixing: Fixing; onChanged: () => void }) {
  const [dealerSku, setDealerSku] = useState(fixing.sku ?? '');
  const [problems, setProblems] = useState<{ dealerSku?: string; general?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [routeError, setRouteError] = useState<unknown>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!dealerSku.trim()) return setProblems({ dealerSku: 'Your SKU is required' });
    setBusy(true);
    setProblems({});
    try {
      await api('PUT', '/catalog/links', { dealerSku: dealerSku.trim(), distributor: item.distributor, distributorSku: item.distributorSku });
      setSaved(dealerSku.trim());
      onChanged();
    } catch (error) {
      const onSku = error instanceof ApiError ? error.fields.find((f) => f.field === 'body.dealerSku')?.message : undefined;
      setProblems(onSku ? { dealerSku: onSku } : { general: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  const remove = async (linkId: string) => {
    try {
      await api('DELETE', `/catalog/links/${linkId}`);
      setSaved(null);
      onChanged();
    } catch (error) {
      setProblems({ general: errorText(error) });
    }
  };
  const routeAgain = async () => {
    setBusy(true);
    setRouteError(null);
    try {
      await api('POST', `/dropships/${fixing.dropship}/route-again`);
      navigate(`/orders/${encodeURIComponent(fixing.order ?? '')}`);
    } catch (error) {
      setRouteError(error);
      setBusy(false);
    }
  };

  return (
    <>
      <h3>Your SKUs for this part</h3>
      <ul className="links">
        <li>
          {item.dealerSku} <span className="muted">(from {name}&rsquo;s feed)</span>
        </li>
        {item.links.map((link) => (
          <li key={link.id}>
            {link.dealerSku}{' '}
            <span className="muted">
              (linked by {link.createdBy}, {dateTime(link.createdAt)})
            </span>{' '}
            <button type="button" className="secondary" onClick={() => void remove(link.id)} aria-label={`Remove the link of ${link.dealerSku}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="filters" aria-label="Link one of your SKUs to this part" onSubmit={(e) => void save(e)} noValidate>
        <Field
          label="Your SKU"
          value={dealerSku}
          error={problems.dealerSku}
          hint={`Orders for this SKU can then be drop-shipped as ${name} ${item.distributorSku}`}
          onChange={(e) => setDealerSku(e.target.value)}
        />
        <button type="submit" disabled={busy}>
          Save link
        </button>
      </form>
      {problems.general && (
        <p className="banner error" role="alert">
          {problems.general}
        </p>
      )}
      {saved && (
        <p className="banner" role="status">
          Your SKU {saved} is now fulfilled by {name} {item.distributorSku}.{' '}
          {fixing.dropship && saved === fixing.sku && (
            <button type="button" onClick={() => void routeAgain()} disabled={busy}>
              Route order again
            </button>
          )}
        </p>
      )}
      <ErrorBanner error={routeError} />
    </>
  );
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
