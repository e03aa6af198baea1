export * from "@scopeflow/core";
