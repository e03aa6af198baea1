// A minimal ONNX ModelProto writer (onnx.proto3 field numbers), enough for the benchmark graphs: float32 tensors,
// initializers, int/ints/float attributes, opset 17. Hand-written rather than a protobuf dependency: five messages.

/**
 * Protobuf wire writer: varints, length-delimited fields, nested messages. Chunks, not a byte array: an
 * initializer of 16M floats is 64 MiB, past what a JS array can hold byte by byte.
 */
class Writer {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(chunk: Uint8Array): this {
    this.chunks.push(chunk);
    this.length += chunk.length;
    return this;
  }
  varint(value: number | bigint): this {
    const bytes: number[] = [];
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v !== 0n);
    return this.push(Uint8Array.from(bytes));
  }
  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }
  int(field: number, value: number): this {
    return this.tag(field, 0).varint(value);
  }
  bytes(field: number, data: Uint8Array): this {
    return this.tag(field, 2).varint(data.length).push(data);
  }
  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }
  message(field: number, build: (w: Writer) => void): this {
    const inner = new Writer();
    build(inner);
    return this.bytes(field, inner.finish());
  }
  float(field: number, value: number): this {
    return this.tag(field, 5).push(new Uint8Array(new Float32Array([value]).buffer));
  }
  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

const FLOAT = 1;
const INT64 = 7;

export type Attr = number | number[] | { float: number };

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, Attr>;
}

export interface OnnxTensor {
  name: string;
  shape: number[];
  /** float32 data, or int64 values given as numbers (shape tensors of Reshape, axes). */
  data: Float32Array | { int64: number[] };
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  /** Values the model holds (the benchmark's "resident" inputs). */
  initializers?: OnnxTensor[];
  /** Values fed at each run, float32. */
  inputs?: { name: string; shape: number[] }[];
  outputs: { name: string; shape: number[] }[];
}

function valueInfo(w: Writer, v: { name: string; shape: number[] }): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, FLOAT);
      tensor.message(2, (shape) => {
        for (const d of v.shape) shape.message(1, (dim) => dim.int(1, d));
      });
    }),
  );
}

function tensor(w: Writer, t: OnnxTensor): void {
  for (const d of t.shape) w.int(1, d);
  if (t.data instanceof Float32Array) {
    w.int(2, FLOAT);
    w.string(8, t.name);
    w.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  } else {
    w.int(2, INT64);
    w.string(8, t.name);
    w.bytes(9, new Uint8Array(new BigInt64Array(t.data.int64.map(BigInt)).buffer));
  }
}

function attribute(w: Writer, name: string, value: Attr): void {
  w.string(1, name);
  if (Array.isArray(value)) {
    for (const v of value) w.int(8, v);
    w.int(20, 7); // INTS
  } else if (typeof value === "number") {
    w.int(3, value);
    w.int(20, 2); // INT
  } else {
    w.float(2, value.float);
    w.int(20, 1); // FLOAT
  }
}

/** The bytes of an ONNX model (IR version 8, default-domain opset 17) holding `graph`. */
export function onnxModel(graph: OnnxGraph): Uint8Array {
  const w = new Writer();
  w.int(1, 8); // ir_version
  w.string(2, "scopeflow-bench"); // producer_name
  w.message(7, (g) => {
    graph.nodes.forEach((node, i) => {
      g.message(1, (n) => {
        for (const input of node.inputs) n.string(1, input);
        for (const output of node.outputs) n.string(2, output);
        n.string(3, `n${i}`);
        n.string(4, node.op);
        for (const [name, value] of Object.entries(node.attrs ?? {})) n.message(5, (a) => attribute(a, name, value));
      });
    });
    g.string(2, "bench");
    for (const t of graph.initializers ?? []) g.message(5, (m) => tensor(m, t));
    for (const v of graph.inputs ?? []) g.message(11, (m) => valueInfo(m, v));
    for (const v of graph.outputs) g.message(12, (m) => valueInfo(m, v));
  });
  w.message(8, (o) => o.int(2, 17)); // opset_import: default domain, version 17
  return w.finish();
}
