// The protobuf shapes the studio reads, named from @scopeflow/browser's published functions (the package exports
// the codecs, not the message interfaces).
import type * as tf from "@scopeflow/browser";

export type GraphDef = ReturnType<typeof tf.io.decodeGraphDef>;
export type MetaGraphDef = ReturnType<typeof tf.io.decodeMetaGraphDef>;
export type NodeDef = NonNullable<GraphDef["node"]>[number];
export type AttrValue = NonNullable<NodeDef["attr"]>[string];
export type TensorShapeProto = NonNullable<AttrValue["shape"]>;
export type TfEvent = ReturnType<typeof tf.summary.summaryIterator> extends Iterable<infer E> ? E : never;
export type ScopeNode = ReturnType<typeof tf.tools.scopeTrees>["nameScopes"];
export type SharingRow = ReturnType<typeof tf.tools.sharingAudit>[number];
export type LintFinding = ReturnType<typeof tf.tools.lint>[number];
export type SlotRow = ReturnType<typeof tf.tools.slotOwnership>[number];
export type ExplainStep = ReturnType<typeof tf.tools.explainName>["steps"][number];
