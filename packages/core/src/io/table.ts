// tensorflow/core/lib/io/table*.cc: the LevelDB-format table, writer and reader.
export { buildTable, shortestSeparator, shortSuccessor } from "./table-builder";
export { readTable, type TableEntry } from "./table-reader";
