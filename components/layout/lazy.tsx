"use client";
// Components whose code is loaded when one is first rendered: the lazy wrappers of each feature
// (components/*/lazy.tsx) are made with it. Not next/dynamic, whose loader (its server bail-out, its chunk
// preloading, its async storage) came to about 2 kB of the page's first load for what this does here.
import { useEffect, useState, type ComponentType, type ReactNode } from "react";

/**
 * A component rendering `load`'s once its code is here and `Loading` meanwhile (on the server too). The
 * code is asked for when the first one is rendered; once here, every later one renders it at once. A
 * failed load goes to the nearest error boundary, and the next first render asks again. `preload` asks for the
 * code before the first render (when it is known to be wanted soon).
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, Loading: () => ReactNode = () => null): ComponentType<P> & { preload: () => void } {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () => (loading ??= load().then((c) => (loaded = c)));
  function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState<Error | null>(null);
    useEffect(() => {
      if (Component) return;
      let live = true;
      start().then(
        (c) => live && setComponent(() => c),
        (err: Error) => {
          loading = null;
          if (live) setFailed(err);
        },
      );
      return () => {
        live = false;
      };
    }, [Component]);
    if (failed) throw failed;
    return Component ? <Component {...props} /> : <Loading />;
  }
  const preload = () => void start().catch(() => (loading = null));
  return Object.assign(Lazy, { preload });
}
