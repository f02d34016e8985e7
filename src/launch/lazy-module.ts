/**
 * A stand-in for a module that is loaded on first use. The bundle (scripts/build.mjs,
 * `lazy-builtins`) gives it to the dependencies that load Node built-ins at start-up though only
 * some sessions use them: docker-modem loads `https` (and with it `tls` and `crypto`, ~22 ms)
 * for every engine, commander and terminal-size load `child_process` (~11 ms). A local socket,
 * the usual engine, never needs either. docker-modem's `http` is one too: a start against a local
 * socket draws its first frame before dockerode is loaded (src/engine/client.ts `getJson`).
 *
 * The stand-in reads every property through to the real module, loading it then, and calls
 * through when the module is a function (`assert`). It also works when a bundler copies it into
 * an ES-module namespace (esbuild's `__toESM` makes an object whose prototype is the stand-in's
 * prototype, and copies its own keys): the prototype it reports reads through as well, and
 * before the load it reports no own keys, so nothing is loaded by the copy.
 */
export function lazyModule<T extends object>(load: () => T): T {
  let loaded: T | undefined;
  const real = (): T => {
    loaded ??= load();
    return loaded;
  };
  const readThrough: ProxyHandler<object> = {
    get: (_target, key) => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
  };
  const prototype = new Proxy({}, readThrough);
  // An arrow function as target: callable, and with no non-configurable own keys to report.
  return new Proxy((() => undefined) as object, {
    ...readThrough,
    apply: (_target, thisArg, args) => Reflect.apply(real() as (...a: unknown[]) => unknown, thisArg, args),
    getPrototypeOf: () => prototype,
    ownKeys: () => (loaded ? Reflect.ownKeys(loaded) : []),
    getOwnPropertyDescriptor: (_target, key) => {
      if (!loaded) return undefined;
      const descriptor = Reflect.getOwnPropertyDescriptor(loaded, key);
      // Reported as configurable: the stand-in's target does not have the property.
      return descriptor && { ...descriptor, configurable: true };
    },
  }) as T;
}
