// python/summary/summary_iterator.py: summary_iterator(path): the Events of an event file, every CRC checked.
import type { FileSystem } from "../io/file-system";
import type { Event } from "../proto/types";
import { iterateEvents } from "./event-file";

export interface SummaryIteratorOptions {
  /**
   * TensorBoard's reading (event_file_loader.py): a file that ends inside its last record (a writer still
   * appending, or one cut off mid-write) yields the whole records before it and stops quietly. Default false:
   * TF 1.15's summary_iterator, which stops quietly only when fewer bytes than a record header (12) are left and
   * raises DataLossError for a record cut after its header. A checksum that does not match is a DataLossError
   * naming the file and the record's offset either way.
   */
  stopAtTruncatedTail?: boolean;
}

/**
 * Yields the decoded Events of the event file at `path`; corrupt records are DataLossErrors naming the file and
 * offset. A truncated last record is read as TF 1.15's tf_record_iterator reads it, or as TensorBoard does
 * (`stopAtTruncatedTail`).
 */
export function* summaryIterator(
  path: string,
  fs?: FileSystem,
  options: SummaryIteratorOptions = {},
): Generator<Event> {
  if (!fs) throw new TypeError("summaryIterator needs a file system in core (node and browser bind theirs)");
  yield* iterateEvents(fs.readFile(path), path, { truncatedTail: options.stopAtTruncatedTail ? "stop" : "tf" });
}
