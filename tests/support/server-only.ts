// Vitest runs lib/server/ in Node, where Next's `server-only` guard has nothing to guard: an empty stand-in.
export {};
