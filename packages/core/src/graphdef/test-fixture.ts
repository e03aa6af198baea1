// Reads a real TF file from the test-kit fixtures (node-only tests).
import { readFileSync } from "node:fs";
import { TF_FIXTURES_DIR } from "@scopeflow/test-kit";

export const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(path, TF_FIXTURES_DIR)));
