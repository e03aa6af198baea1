import { defineConfig } from "vite";

// Relative asset URLs (`base: "./"`) so dist/ works from any static server and any sub-path.
export default defineConfig({
  base: "./",
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 2048 },
});
