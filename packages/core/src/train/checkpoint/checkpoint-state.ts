// python/training/checkpoint_management.py: the text `checkpoint` file (a CheckpointState proto in text format).
import { parseTextMessage, printTextMessage } from "../../proto/text-format";
import type { CheckpointState } from "../../proto/types";

/** checkpoint_management.py: _GetCheckpointFilename, the state file's name in a checkpoint folder. */
export const CHECKPOINT_STATE_FILENAME = "checkpoint";

/** Parses the text of a `checkpoint` file; a malformed file throws DataLossError naming `source`. */
export function parseCheckpointState(text: string, source = CHECKPOINT_STATE_FILENAME): CheckpointState {
  return parseTextMessage<CheckpointState>("CheckpointState", text, source);
}

/**
 * checkpoint_management.py: generate_checkpoint_state_proto + text_format.MessageToString. The latest path is also the
 * last of `allModelCheckpointPaths` (appended when it is not), as TF keeps it.
 */
export function printCheckpointState(state: {
  modelCheckpointPath: string;
  allModelCheckpointPaths?: readonly string[];
  allModelCheckpointTimestamps?: readonly number[];
  lastPreservedTimestamp?: number;
}): string {
  const all = [...(state.allModelCheckpointPaths ?? [])];
  if (all[all.length - 1] !== state.modelCheckpointPath) all.push(state.modelCheckpointPath);
  return printTextMessage("CheckpointState", { ...state, allModelCheckpointPaths: all });
}
