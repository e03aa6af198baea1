// ops.py: _get_graph_from_inputs, _assert_same_graph: which graph a list of values belongs to.
import { ValueError } from "../errors";
import { type Graph, getDefaultGraph, isTensorConvertible } from "../framework/graph";
import { IndexedSlices } from "../framework/indexed-slices";
import { Operation } from "../framework/operation";
import { Tensor } from "../framework/tensor";

/** The graph element behind a value, if it has one (Tensor, Operation, Variable); plain values have none. */
function graphElementOf(value: unknown): Tensor | Operation | undefined {
  if (value instanceof Tensor || value instanceof Operation) return value;
  // ops.py: a CompositeTensor (IndexedSlices) is its own graph element: no conversion here.
  if (value instanceof IndexedSlices) return value.values;
  if (isTensorConvertible(value)) return value.asGraphElement();
  return undefined;
}

/** ops.py: _get_graph_from_inputs. All graph elements among `values` must share one graph; else the default. */
export function graphFromInputs(values: readonly unknown[], graph?: Graph): Graph {
  let original: Tensor | Operation | undefined;
  let found = graph;
  for (const value of values) {
    const element = graphElementOf(value);
    if (!element) continue;
    if (!found) {
      original = element;
      found = element.graph;
    } else if (original) {
      if (original.graph !== element.graph) {
        // ops.py: _assert_same_graph
        throw new ValueError(`${element} must be from the same graph as ${original}.`);
      }
    } else if (element.graph !== found) {
      throw new ValueError(`${element} is not from the passed-in graph.`);
    }
  }
  return found ?? getDefaultGraph();
}
