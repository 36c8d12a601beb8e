// Selectors memoised by their inputs, as reselect's default: a function that gives back its last result
// while it is called with the same arguments (each compared with Object.is). No React, no window.

/** `fn`, remembering its last call: the same arguments give the same result without calling `fn` again.
 *  `last` is that call (null before the first). */
export function lastCall<A extends readonly unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) & { readonly last: { args: A; result: R } | null } {
  let last: { args: A; result: R } | null = null;
  const call = (...args: A) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i]))) return last.result;
    const result = fn(...args);
    last = { args, result };
    return result;
  };
  return Object.defineProperty(call, "last", { get: () => last }) as typeof call & { readonly last: typeof last };
}
