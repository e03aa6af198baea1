// Linear memory owned by the wrapper: a bump allocator with marks, growing the memory on demand.
// Kernels never allocate; every pointer they see comes from here. Long-lived blocks (matmul packing scratch,
// descriptors) sit below the first mark; per-call copies are released by resetting to a mark, so a steady
// stream of kernel calls reuses the same bytes. A planner that keeps tensors resident across a Session.run
// can take its buffers with `alloc` once per run signature and keep them below its own mark.

const PAGE = 65536;

export class LinearMemory {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private buffer: ArrayBuffer | null = null;
  private f32View = new Float32Array(0);
  private i32View = new Int32Array(0);
  private u8View = new Uint8Array(0);

  constructor(memory: WebAssembly.Memory, heapBase: number) {
    this.memory = memory;
    this.top = align(heapBase, 16);
  }

  /** Returns a 16-byte aligned block of `bytes`, growing the memory when needed. */
  alloc(bytes: number): number {
    const ptr = this.top;
    const end = align(ptr + Math.max(bytes, 0), 16);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      try {
        this.memory.grow(pages);
      } catch (cause) {
        throw new RangeError(
          `@scopeflow/wasm-kernels: cannot grow linear memory to ${end} bytes (${pages} more pages); the tensors of this op do not fit in 4 GiB of wasm memory`,
          { cause },
        );
      }
    }
    this.top = end;
    return ptr;
  }

  /** The current top, to pass to `release` later. */
  mark(): number {
    return this.top;
  }

  /** Frees everything allocated since `mark`. */
  release(mark: number): void {
    this.top = mark;
  }

  get f32(): Float32Array {
    this.refresh();
    return this.f32View;
  }
  get i32(): Int32Array {
    this.refresh();
    return this.i32View;
  }
  get u8(): Uint8Array {
    this.refresh();
    return this.u8View;
  }

  /** Views are recreated only after the memory grew (growth detaches the old ArrayBuffer). */
  private refresh(): void {
    const buffer = this.memory.buffer;
    if (buffer !== this.buffer) {
      this.buffer = buffer;
      this.f32View = new Float32Array(buffer);
      this.i32View = new Int32Array(buffer);
      this.u8View = new Uint8Array(buffer);
    }
  }
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
