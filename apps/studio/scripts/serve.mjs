// `pnpm studio` (after the build): serves apps/studio/dist/ on --port N or $PORT (default 5180) and prints the URL.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./static-server.mjs";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const args = process.argv.slice(2);
const flag = args.findIndex((a) => a === "--port" || a.startsWith("--port="));
const fromFlag = flag < 0 ? undefined : args[flag].includes("=") ? args[flag].split("=")[1] : args[flag + 1];
const port = Number(fromFlag ?? process.env.PORT ?? 5180);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`studio: --port wants a port number (0-65535), not ${JSON.stringify(fromFlag ?? process.env.PORT)}`);
  process.exit(2);
}
if (!existsSync(`${dist}index.html`)) {
  console.error("studio: dist/index.html is missing; build first: npx -y pnpm@12.4.2 --filter @scopeflow/studio build");
  process.exit(2);
}
const server = await serveStatic(dist, port);
const { port: bound } = server.address();
console.log(`scopeflow Studio: http://127.0.0.1:${bound}/  (Ctrl+C stops)`);
