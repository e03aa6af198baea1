// python/summary/summary_iterator.py: summary_iterator(path): the Events of an event file, every CRC checked.
import type { FileSystem } from "../io/file-system";
import type { Event } from "../proto/types";
import { iterateEvents } from "./event-file";

/** Yields the decoded Events of the event file at `path`; corrupt records are DataLossErrors naming the file. */
export function* summaryIterator(path: string, fs?: FileSystem): Generator<Event> {
  if (!fs) throw new TypeError("summaryIterator needs a file system in core (node and browser bind theirs)");
  yield* iterateEvents(fs.readFile(path), path);
}
