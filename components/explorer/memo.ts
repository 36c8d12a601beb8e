// Selectors memoised by their inputs, as reselect's default: a function that gives back its last result
// while it is called with the same arguments (each compared with Object.is). No React, no window.

/** `fn`, remembering its last call: the same arguments give the same result without calling `fn` again. */
export function lastCall<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i]))) return last.result;
    const result = fn(...args);
    last = { args, result };
    return result;
  };
}
