import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import type { HostClient } from '../host/client';

/** Keeps the sidebar iframe as tall as its content, so Zendesk never shows a scrollbar or a gap. */
export function useAutoResize(host: HostClient, element: RefObject<HTMLElement>) {
  useEffect(() => {
    const target = element.current;
    if (!target || typeof ResizeObserver === 'undefined') return;
    let last = 0;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const height = Math.ceil(target.getBoundingClientRect().height);
        if (height !== last) {
          last = height;
          host.invoke('resize', { width: '100%', height: `${height}px` }).catch(() => undefined);
        }
      });
    });
    observer.observe(target);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [host, element]);
}
