// Loader for the `node` vitest project: reads a file URL from disk.
import { readFile } from "node:fs/promises";

export async function loadBytes(url: URL): Promise<Uint8Array> {
  return new Uint8Array(await readFile(url));
}
