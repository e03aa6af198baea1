// Loader for the `chromium` vitest project: fetches a URL the vite dev server serves.
export async function loadBytes(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`loadBytes: GET ${url.href} gave ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}
