// Tests import scopeflow as `@scopeflow/test-kit/platform`: @scopeflow/node under the node project, @scopeflow/browser
// under chromium (tools/test-kit/vitest-projects.ts). Both have this package's API.
declare module "@scopeflow/test-kit/platform" {
  export * from "@scopeflow/browser";
}
