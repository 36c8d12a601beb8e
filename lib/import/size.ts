// The size check the UI runs on `File.size` before reading a byte; its own module so the page can use it
// without loading the importer (which runs in a Web Worker).
import { ImportError } from "./errors";
import { DEFAULT_LIMITS } from "./limits";

/** Refuses a file by its size alone. */
export function checkFileSize(size: number, maxBytes: number = DEFAULT_LIMITS.maxBytes): void {
  if (size > maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw new ImportError("file", `${size} bytes`, `the file is ${mb(size)}; files over ${mb(maxBytes)} are refused`);
  }
}
