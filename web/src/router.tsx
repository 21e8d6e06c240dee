import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

let movedInApp = false;

/** A tiny history-API router: the server answers every UI path with index.html. */
export function navigate(to: string) {
  movedInApp = true;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** True once after a navigation made inside the app (not a page load, nor the browser's back button). */
export function takeInAppNavigation(): boolean {
  const moved = movedInApp;
  movedInApp = false;
  return moved;
}

export function useLocation(): URL {
  const [href, setHref] = useState(window.location.href);
  useEffect(() => {
    const update = () => setHref(window.location.href);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return new URL(href);
}

export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={onClick} {...rest} />;
}
