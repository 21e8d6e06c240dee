import { useApi } from '../hooks';
import { Link } from '../router';
import type { Answer } from '../types';

/**
 * What is still missing before the dealer can drop-ship, each step linking to the form that does it;
 * computed by the API from the dealer's own rows, and gone once everything is in place.
 */
export function SetupChecklist() {
  const checklist = useApi<Answer<'/v1/setup-checklist', 'get'>>('/setup-checklist');
  const data = checklist.data;
  if (!data || data.complete) return null;
  const left = data.items.filter((item) => !item.done);
  return (
    <section className="card setup-checklist" aria-labelledby="setup-title">
      <h2 id="setup-title">
        Finish setting up: {left.length} of {data.items.length} steps left
      </h2>
      <ul>
        {data.items.map((item) => (
          <li key={item.step} className={item.done ? 'done' : undefined}>
            <span aria-hidden="true">{item.done ? '✓' : '○'}</span>{' '}
            {item.done ? (
              <span>
                <s>{item.title}</s> <span className="muted">{item.detail}</span>
              </span>
            ) : (
              <span>
                <Link to={item.href}>{item.title}</Link> <span className="muted">{item.detail}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
