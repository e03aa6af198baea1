// python/framework/importer.py: import_graph_def (and core/graph/graph_constructor.cc, which does the work in TF):
// every node of a GraphDef becomes an Operation under a name prefix, inputs resolved by name, all or nothing.
import { NotFoundError, ValueError } from "../errors";
import type { AttrValue as ScopeflowAttr } from "../framework/attr-value";
import { attrFromProto } from "../framework/attr-values";
import type { DType } from "../framework/dtypes";
import { type Graph, getDefaultGraph } from "../framework/graph";
import { nameRecordOf, OriginFrame } from "../framework/name-record";
import { NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { shapeFromProto } from "../framework/tensor-proto";
import { setOwn } from "../io/own-keys";
import { useFileKernels } from "../kernels/reference/file-kernels";
import { useBuilderKernels } from "../kernels/reference/use-builder-kernels";
import { opDefFor, opDefs } from "../ops/op-defs";
import type { GraphDef, NodeDef } from "../proto/types";

export interface ImportGraphDefOptions {
  /** The name prefix: default "import" (uniquified: `import_1`, ...); "" imports without a prefix. */
  name?: string;
  /** Tensors of this graph to use instead of the GraphDef's: keys are tensor names (`"x"` means `"x:0"`). */
  inputMap?: Readonly<Record<string, Tensor>> | ReadonlyMap<string, Tensor>;
  /** Names to return: `"op:0"` for a tensor, `"op"` for an operation. */
  returnElements?: readonly string[];
  /** The graph to import into; default the default graph. */
  graph?: Graph;
}

/** importer.py: _ParseTensorName: `x` → [x, 0], `x:1` → [x, 1], `^x` → [x, -1] (a control input). */
function parseInput(name: string): [string, number] {
  if (name.startsWith("^")) return [name.slice(1), -1];
  const match = /^(.*):(\d+)$/.exec(name);
  return match ? [match[1], Number(match[2])] : [name, 0];
}

function canonicalTensorName(name: string): string {
  if (name.startsWith("^")) return name;
  return /:\d+$/.test(name) ? name : `${name}:0`;
}

/** graph_constructor.cc: a while loop's back edge (NextIteration -> Merge), the one cycle a GraphDef may have. */
function isBackEdge(node: NodeDef, source: NodeDef): boolean {
  const merge = node.op === opDefs.Merge.type || node.op === opDefs.RefMerge.type;
  return merge && (source.op === opDefs.NextIteration.type || source.op === opDefs.RefNextIteration.type);
}

/** Node names in an order where every input comes first (graph_constructor.cc processes nodes by readiness). */
function topologicalOrder(nodes: readonly NodeDef[], mapped: Set<string>): NodeDef[] {
  const byName = new Map<string, NodeDef>();
  for (const node of nodes) {
    if (byName.has(node.name)) {
      // graph_constructor.cc: GraphConstructor::BuildNodeIndex
      throw new ValueError(`Node '${node.name}' is not unique`);
    }
    byName.set(node.name, node);
  }
  const state = new Map<string, 1 | 2>();
  const order: NodeDef[] = [];
  for (const root of nodes) {
    if (state.has(root.name)) continue;
    const stack: [NodeDef, number][] = [[root, 0]];
    state.set(root.name, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [node, next] = top;
      const inputs = node.input ?? [];
      if (next < inputs.length) {
        top[1]++;
        const [source, index] = parseInput(inputs[next]);
        if (index >= 0 && mapped.has(`${source}:${index}`)) continue;
        const input = byName.get(source);
        if (input !== undefined && isBackEdge(node, input)) continue;
        if (!input) {
          // graph_constructor.cc: GraphConstructor::InitFromEdges
          throw new ValueError(`Node '${node.name}': Unknown input node '${inputs[next]}'`);
        }
        const s = state.get(source);
        if (s === 1) {
          throw new ValueError(
            `Node '${node.name}': the GraphDef has a cycle through '${source}' (only TF's while loops have cycles; scopeflow does not import them)`,
          );
        }
        if (s === undefined) {
          state.set(source, 1);
          stack.push([input, 0]);
        }
        continue;
      }
      stack.pop();
      state.set(node.name, 2);
      order.push(node);
    }
  }
  return order;
}

/**
 * importer.py: import_graph_def(graph_def, input_map=None, return_elements=None, name=None). Returns the requested
 * elements in order, or null without `returnElements`. A failure (unknown op type, broken input, bad attr) adds
 * nothing to the graph: errors name the node.
 */
export function importGraphDef(def: GraphDef, options: ImportGraphDefOptions = {}): (Tensor | Operation)[] | null {
  // A GraphDef may hold any op, the file ops too (a Saver's, summaries) and those whose kernels their builders load.
  useFileKernels();
  useBuilderKernels();
  const graph = options.graph ?? getDefaultGraph();
  const inputMap = new Map<string, Tensor>();
  const entries =
    options.inputMap instanceof Map ? [...options.inputMap.entries()] : Object.entries(options.inputMap ?? {});
  for (const [key, tensor] of entries) {
    if (tensor.graph !== graph)
      throw new ValueError(`input_map value ${tensor} must be from the graph being imported into`);
    inputMap.set(canonicalTensorName(key), tensor);
  }
  const nodes = def.node ?? [];
  const order = topologicalOrder(nodes, new Set(inputMap.keys()));
  const usedKeys = new Set<string>();

  return graph.atomically(() => {
    const scopeName = options.name === "" ? "" : graph.nameScope(options.name ?? "import", (s) => s);
    const imported = new Map<string, Operation>();
    const backEdges: [string, number, string, number][] = [];
    const origin = new OriginFrame(null, "importGraphDef", scopeName);
    for (const node of order) {
      const where = `Node '${node.name}'`;
      const attrs: Record<string, ScopeflowAttr> = {};
      for (const [key, value] of Object.entries(node.attr ?? {})) {
        if (key === "_output_shapes") continue;
        setOwn(attrs, key, attrFromProto(key, value, where));
      }
      // ops.py: colocation groups name ops of this import: `loc:@x` becomes `loc:@import/x`.
      if (Array.isArray(attrs._class)) {
        attrs._class = (attrs._class as string[]).map((c) =>
          c.startsWith("loc:@") ? `loc:@${scopeName}${c.slice(5)}` : c,
        );
      }
      const outputShapes = node.attr?._output_shapes?.list?.shape;
      const def = opDefFor(node.op);
      if (def === undefined) {
        // op_def_builder / op.cc: OpRegistry::LookUp
        throw new NotFoundError(
          `${where}: Op type not registered '${node.op}' in binary running on scopeflow. Make sure the Op and Kernel are registered in the binary running in this process. (scopeflow imports the op types of its op table.)`,
        );
      }
      for (const key of Object.keys(attrs)) {
        if (!key.startsWith("_") && !Object.hasOwn(def.attrs, key)) {
          // graph_constructor.cc -> node_def_util.cc: ValidateNodeDef
          throw new ValueError(`${where}: NodeDef mentions attr '${key}' not in Op<name=${def.type}>`);
        }
      }
      let dtypes: DType[];
      try {
        dtypes = def.outputs(attrs);
      } catch (error) {
        throw new ValueError(`${where} (${node.op}): ${(error as Error).message}`);
      }
      const inputs: Tensor[] = [];
      const controlInputs: Operation[] = [];
      for (const input of node.input ?? []) {
        const [source, index] = parseInput(input);
        if (index < 0) {
          controlInputs.push(imported.get(source)!);
          continue;
        }
        const mapped = inputMap.get(`${source}:${index}`);
        if (mapped) {
          usedKeys.add(`${source}:${index}`);
          inputs.push(mapped);
          continue;
        }
        const op = imported.get(source);
        if (op === undefined) {
          // A back edge: the Merge reads its other input until the NextIteration exists (graph_constructor.cc).
          backEdges.push([node.name, inputs.length, source, index]);
          inputs.push(null as unknown as Tensor);
          continue;
        }
        if (index >= op.outputs.length) {
          // graph_constructor.cc: GraphConstructor::MakeEdge
          throw new ValueError(
            `${where}: Connecting to invalid output ${index} of source node ${source} which has ${op.outputs.length} outputs.`,
          );
        }
        inputs.push(op.outputs[index]);
      }
      const placeholder = inputs.find((t) => t !== null);
      for (let i = 0; i < inputs.length; i++) if (inputs[i] === null && placeholder) inputs[i] = placeholder;
      const shapes = dtypes.map((_, i) => staticShape(node, attrs, outputShapes?.[i]));
      const name = scopeName + node.name;
      const free = !graph.findOperation(name);
      // importer uniquify_names: a name already in the graph gets a suffix; a free one is used as it is.
      const finalName = free ? `${name}/` : name;
      if (free) graph.nameScope(null, () => graph.uniqueName(name));
      const op = graph.nameScope(null, () =>
        graph.createOp(def, inputs, {
          name: finalName,
          attrs,
          shapes,
          controlInputs,
        }),
      );
      if (node.device) op.device = node.device;
      nameRecordOf(graph).noteOrigin(op, origin);
      imported.set(node.name, op);
    }
    for (const [merge, at, source, index] of backEdges) {
      const next = imported.get(source)!;
      graph.updateInput(imported.get(merge)!, at, next.outputs[index]);
    }
    const unused = [...inputMap.keys()].filter((k) => !usedKeys.has(k));
    if (unused.length > 0) {
      // importer.py: _ProcessNewOps / import_graph_def
      throw new ValueError(`Attempted to map inputs that were not found in graph_def: [${unused.join(", ")}]`);
    }
    if (!options.returnElements) return null;
    return options.returnElements.map((element) => {
      if (element.includes(":")) {
        const [source, index] = parseInput(element);
        const op = imported.get(source);
        if (!op || index >= op.outputs.length) {
          // graph_constructor.cc: GraphConstructor::PopulateReturnTensors
          throw new ValueError(`Requested return tensor '${element}' not found in graph def`);
        }
        return op.outputs[index];
      }
      const op = imported.get(element);
      // graph_constructor.cc: GraphConstructor::PopulateReturnNodes
      if (!op) throw new ValueError(`Requested return node '${element}' not found in graph def`);
      return op;
    });
  });
}

function staticShape(node: NodeDef, attrs: Record<string, ScopeflowAttr>, listed: unknown): Shape {
  if (listed) return shapeFromProto(listed as never);
  if (node.op === opDefs.Const.type && attrs.value instanceof NDArray) return [...attrs.value.shape];
  const shapeAttr = attrs.shape as { shape?: Shape } | undefined;
  if (
    (node.op === opDefs.Placeholder.type ||
      node.op === opDefs.PlaceholderWithDefault.type ||
      node.op === opDefs.VariableV2.type) &&
    shapeAttr &&
    "shape" in shapeAttr
  ) {
    return shapeAttr.shape ?? null;
  }
  return null;
}
