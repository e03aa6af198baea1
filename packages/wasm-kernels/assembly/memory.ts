// Where the JS allocator may start: the first byte after this module's static data.
export function heapBase(): usize {
  return __heap_base;
}
