// Structural stand-ins for the WebAssembly and URL types of the public API, so that the declarations type-check in
// a project without the DOM lib (a Node project with only the ES lib, with or without @types/node). The real
// WebAssembly.Memory, WebAssembly.Module and URL objects fit them.

/** A WebAssembly.Memory, as far as the wrapper uses it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

/** A compiled WebAssembly.Module (an opaque object; TS's own lib declares it as an empty interface too). */
export type WasmModule = object;

/** What WebAssembly.instantiate accepts: the bytes of a `.wasm` file or a compiled module. */
export type WasmSource = ArrayBuffer | ArrayBufferView | WasmModule;

/** A URL object (WHATWG URL, as browsers and Node provide it), as far as the loaders read it. */
export interface UrlLike {
  readonly href: string;
}
