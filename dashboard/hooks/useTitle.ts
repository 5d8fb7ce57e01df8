import { useEffect } from 'preact/hooks';

/** Sets the document title, so that each page is announced and listed by its name. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Vigie`;
  }, [title]);
}
