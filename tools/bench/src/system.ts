// The machine a table was measured on: date, Node version, CPU model and count, load average.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";

export interface SystemInfo {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  load: string;
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match) return match[1]!.trim();
  } catch {
    // not Linux: fall back to what os.cpus() says
  }
  return cpus()[0]?.model ?? "unknown";
}

export function systemInfo(): SystemInfo {
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    node: process.version,
    cpu: cpuModel(),
    cores: cpus().length,
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  };
}
