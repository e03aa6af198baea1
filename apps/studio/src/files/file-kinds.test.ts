import { describe, expect, it } from "vitest";
import { kindOf } from "./file-kinds";

describe("kindOf", () => {
  it("recognises the files TF writes by their names (fixtures' and SavedModel's)", () => {
    expect(kindOf("run/events.out.tfevents.1567057356.leimao-evolvx")).toBe("events");
    expect(kindOf("export/saved_model.pb")).toBe("savedModel");
    expect(kindOf("export/saved_model.pbtxt")).toBe("savedModel");
    expect(kindOf("model.ckpt-2000.meta")).toBe("metaGraph");
    expect(kindOf("graph.pbtxt")).toBe("graphDef");
    expect(kindOf("model.pb")).toBe("graphDef");
    expect(kindOf("export/variables/variables.index")).toBe("checkpointIndex");
    expect(kindOf("model.ckpt-0.data-00000-of-00001")).toBe("checkpointData");
    expect(kindOf("dir/checkpoint")).toBe("checkpointState");
    expect(kindOf("names.lock.json")).toBe("lockfile");
    expect(kindOf("notes.txt")).toBe("unknown");
  });
});
