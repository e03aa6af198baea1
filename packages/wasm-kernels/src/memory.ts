// Linear memory owned by the wrapper: power-of-two size classes with free lists over a bump region that grows the
// memory on demand (a simple segregated-fit allocator, as in many arena allocators). Kernels never allocate;
// every pointer they see comes from here. A freed block goes back to its class list, so repeated Session runs of
// one signature take exactly the blocks the previous run gave back: after the first run nothing grows, and no
// view detaches. The price is up to 2x slack per block, which a tensor-sized workload tolerates.

import type { WasmMemory } from "./wasm-types";

const PAGE = 65536;
/** Bytes before each block: [size class, reference count, 0, 0] as i32. */
const HEADER = 16;

export class LinearMemory {
  readonly memory: WasmMemory;
  private top: number;
  /** Free blocks per size class (class c holds blocks of 16 << c bytes). */
  private readonly freeLists: number[][] = [];
  private live = 0;
  private buffer: ArrayBuffer | null = null;
  private f32View = new Float32Array(0);
  private i32View = new Int32Array(0);
  private u8View = new Uint8Array(0);

  constructor(memory: WasmMemory, heapBase: number) {
    this.memory = memory;
    this.top = align(heapBase, 16);
  }

  /**
   * Returns a 16-byte aligned block of at least `bytes`, from a free list or by growing the memory. A 16-byte
   * header before the block holds its size class and a reference count (see `refs`), so that neither needs a Map.
   */
  alloc(bytes: number): number {
    const c = sizeClass(bytes);
    const list = this.freeLists[c];
    const ptr =
      list !== undefined && list.length > 0 ? (list.pop() as number) : this.bump(16 * 2 ** c + HEADER) + HEADER;
    const i32 = this.i32;
    i32[(ptr - HEADER) >> 2] = c;
    i32[(ptr - HEADER + 4) >> 2] = 0;
    this.live++;
    return ptr;
  }

  /** Gives a block from `alloc` back. */
  free(ptr: number): void {
    const at = (ptr - HEADER) >> 2;
    const i32 = this.i32;
    const c = i32[at];
    if (c < 0 || c > 27) throw new Error(`@scopeflow/wasm-kernels: free(${ptr}) of a block that is not allocated`);
    i32[at] = -1;
    this.live--;
    (this.freeLists[c] ??= []).push(ptr);
  }

  /** Adds `delta` to a block's reference count and returns the new count (the Device's holders of the block). */
  refs(ptr: number, delta: number): number {
    const i32 = this.i32;
    const at = (ptr - HEADER + 4) >> 2;
    const count = i32[at] + delta;
    i32[at] = count;
    return count;
  }

  /** How many blocks are allocated, for tests and diagnostics. */
  get liveBlocks(): number {
    return this.live;
  }

  /** Takes `bytes` from the top of the bump region (permanent: descriptors, packing scratch). */
  bump(bytes: number): number {
    const ptr = this.top;
    const end = align(ptr + Math.max(bytes, 0), 16);
    if (end > this.current.byteLength) {
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
      this.refresh();
    }
    this.top = end;
    return ptr;
  }

  /**
   * The memory's current buffer. `memory.buffer` is re-read only when it may have changed: it costs ~0.3 µs on a
   * shared memory in V8 (20x an unshared one), which per-run reads of small tensors would pay. `bump` re-reads it
   * when a block ends past the buffer held; a grow from elsewhere detaches an unshared buffer (its views read
   * length 0, which `sync` sees) and leaves a shared one valid over the bytes it had, all blocks handed out so far.
   */
  get current(): ArrayBuffer {
    this.sync();
    return this.buffer as ArrayBuffer;
  }

  get f32(): Float32Array {
    this.sync();
    return this.f32View;
  }
  get i32(): Int32Array {
    this.sync();
    return this.i32View;
  }
  get u8(): Uint8Array {
    this.sync();
    return this.u8View;
  }

  private sync(): void {
    if (this.buffer === null || this.u8View.byteLength === 0) this.refresh();
  }

  /** Views are recreated after the memory grew (growth detaches an unshared ArrayBuffer). */
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

/** The power-of-two class of a request: 0 for up to 16 bytes, 1 for 32, ... */
function sizeClass(bytes: number): number {
  return bytes <= 16 ? 0 : 32 - Math.clz32(Math.ceil(bytes / 16) - 1);
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
