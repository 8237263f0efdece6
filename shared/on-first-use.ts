/**
 * Parts of a function that only some invocations need (the parsers, the S3
 * client, SES), built on their first use. In a Lambda bundle an `import()`
 * inside `load` becomes a chunk of its own, which Node compiles only when it
 * is imported: a cold start that never needs the part never pays for it
 * (issue 7's init target; infra/definitions/bundling.ts).
 */

/**
 * An object of `T` whose methods, all asynchronous, load the real one on
 * the first call (once, even for calls at the same time) and then delegate.
 * A failed load is not kept: the next call tries again.
 */
export function loadedOnFirstUse<T extends object>(load: () => Promise<T>, methods: readonly (keyof T & string)[]): T {
  let loading: Promise<T> | undefined;
  const real = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  const delegate = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of methods) delegate[method] = async (...args) => {
    const target = (await real()) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    return target[method]!(...args);
  };
  return delegate as T;
}
