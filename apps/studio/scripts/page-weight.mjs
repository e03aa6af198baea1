// Prints the built page's weight: each JS, CSS and wasm file of dist/assets, raw and gzip (level 9), and the totals.
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dir = new URL("../dist/assets/", import.meta.url);
let raw = 0;
let gzip = 0;
for (const name of readdirSync(dir).sort()) {
  if (!/\.(js|css|wasm)$/.test(name)) continue;
  const bytes = readFileSync(new URL(name, dir));
  const packed = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += packed;
  console.log(
    `${name.padEnd(36)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KiB  gzip ${(packed / 1024).toFixed(1).padStart(7)} KiB`,
  );
}
console.log(
  `${"total".padEnd(36)} ${(raw / 1024).toFixed(1).padStart(8)} KiB  gzip ${(gzip / 1024).toFixed(1).padStart(7)} KiB`,
);
