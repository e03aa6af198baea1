// ops_test.py DeviceTest (graph mode), device_spec_test.py: the device strings TF 1.15 records in NodeDef.device.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

const out = [{ dtype: tf.float32, shape: [] }];

/** Runs `body` with a fresh graph and returns each node's [name, device] from its GraphDef. */
function devices(body: (g: tf.Graph, make: () => tf.Operation) => void): [string, string][] {
  const g = new tf.Graph();
  body(g, () => g.createOp("FloatOutput", [], { outputs: out }));
  return (g.asGraphDef().node ?? []).map((n) => [n.name ?? "", n.device ?? ""] as [string, string]);
}

describe("Graph.device (ops_test.py DeviceTest)", () => {
  it("testNoDevice", () => {
    const g = new tf.Graph();
    const op = g.createOp("FloatOutput", [], { outputs: out });
    expect(op.device).toBe("");
    expect(g.asGraphDef().node?.[0].device ?? "").toBe("");
  });

  it("testDevicePartialString", () => {
    expect(devices((g, make) => g.device("/job:worker/replica:2", make))).toEqual([
      ["FloatOutput", "/job:worker/replica:2"],
    ]);
  });

  it("testDeviceFull", () => {
    const spec = new tf.DeviceSpec({ job: "worker", replica: 2, task: 0, deviceType: "CPU", deviceIndex: 3 });
    expect(devices((g, make) => g.device(spec, make))).toEqual([
      ["FloatOutput", "/job:worker/replica:2/task:0/device:CPU:3"],
    ]);
  });

  it("testNesting / testNestingString", () => {
    expect(
      devices((g, make) =>
        g.device("/job:worker/replica:2", () => {
          make();
          g.device("/job:worker/replica:3/task:0", make);
          make();
        }),
      ),
    ).toEqual([
      ["FloatOutput", "/job:worker/replica:2"],
      ["FloatOutput_1", "/job:worker/replica:3/task:0"],
      ["FloatOutput_2", "/job:worker/replica:2"],
    ]);
  });

  it("testNestingOverrideGpuCpu", () => {
    expect(
      devices((g, make) =>
        g.device("/job:worker/replica:2/device:CPU:1", () => {
          make();
          g.device("/job:worker/replica:2/device:GPU:2", make);
          make();
        }),
      ),
    ).toEqual([
      ["FloatOutput", "/job:worker/replica:2/device:CPU:1"],
      ["FloatOutput_1", "/job:worker/replica:2/device:GPU:2"],
      ["FloatOutput_2", "/job:worker/replica:2/device:CPU:1"],
    ]);
  });

  it("testNestingWithDeviceStrings (and testNestingWithMergeDeviceFunction: strings are merge devices)", () => {
    expect(
      devices((g, make) =>
        g.device("/device:GPU:0", () => {
          make();
          g.device("/job:worker", () => {
            make();
            g.device("/device:CPU:0", () => {
              make();
              g.device("/job:ps", () => {
                make();
                g.device("", make);
              });
            });
          });
        }),
      ),
    ).toEqual([
      ["FloatOutput", "/device:GPU:0"],
      ["FloatOutput_1", "/job:worker/device:GPU:0"],
      ["FloatOutput_2", "/job:worker/device:CPU:0"],
      ["FloatOutput_3", "/job:ps/device:CPU:0"],
      ["FloatOutput_4", "/job:ps/device:CPU:0"],
    ]);
  });

  it("testNestingWithDeviceStringWildcard", () => {
    expect(
      devices((g, make) => {
        g.device("/device:GPU:7", () => {
          make();
          g.device("/device:GPU:*", make);
        });
        g.device("/device:CPU:*", () => {
          make();
          g.device("/device:CPU:5", make);
        });
      }),
    ).toEqual([
      ["FloatOutput", "/device:GPU:7"],
      ["FloatOutput_1", "/device:GPU:7"],
      ["FloatOutput_2", "/device:CPU:*"],
      ["FloatOutput_3", "/device:CPU:5"],
    ]);
  });

  it("testNoneClearsDefault", () => {
    expect(
      devices((g, make) =>
        g.device("/job:worker/replica:2/device:CPU:1", () => {
          make();
          g.device(null, make);
          make();
        }),
      ),
    ).toEqual([
      ["FloatOutput", "/job:worker/replica:2/device:CPU:1"],
      ["FloatOutput_1", ""],
      ["FloatOutput_2", "/job:worker/replica:2/device:CPU:1"],
    ]);
  });

  it("testNoneIgnoresOuterDeviceFunction", () => {
    expect(
      devices((g, make) =>
        g.device(
          () => "/job:worker/replica:2/device:CPU:1",
          () => {
            make();
            g.device(null, make);
            make();
          },
        ),
      ),
    ).toEqual([
      ["FloatOutput", "/job:worker/replica:2/device:CPU:1"],
      ["FloatOutput_1", ""],
      ["FloatOutput_2", "/job:worker/replica:2/device:CPU:1"],
    ]);
  });

  it("testOverwritingBehavior", () => {
    const overwriting = () => "/job:overwrite";
    expect(
      devices((g, make) =>
        g.device(overwriting, () => {
          make();
          g.device("/job:ps", make); // Will be overwritten.
          g.device(new tf.DeviceSpec({ job: "ps" }), make); // Will be overwritten.
          g.device(null, () => g.device("/job:ps", make)); // Disables overwriting device function
          g.device(null, () => g.device(new tf.DeviceSpec({ job: "ps" }), make));
        }),
      ),
    ).toEqual([
      ["FloatOutput", "/job:overwrite"],
      ["FloatOutput_1", "/job:overwrite"],
      ["FloatOutput_2", "/job:overwrite"],
      ["FloatOutput_3", "/job:ps"],
      ["FloatOutput_4", "/job:ps"],
    ]);
  });

  it("a device function sees the op; tf.device works on the default graph; the short forms canonicalize", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.device(
        (op) => (op.type === "Const" ? "/cpu:0" : "/gpu:0"),
        () => {
          const a = tf.constant(1, { name: "a" });
          const b = tf.identity(a, "b");
          expect([a.op.device, b.op.device]).toEqual(["/cpu:0", "/gpu:0"]);
        },
      );
      tf.device("/job:ps/task:0", () =>
        tf.device("/gpu:1", () => {
          expect(tf.constant(1, { name: "c" }).op.device).toBe("/job:ps/task:0/device:GPU:1");
        }),
      );
    });
  });

  it("colocate_with sets the device stack aside and gives the colocated op's device", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const v = tf.device("/job:ps/task:0", () => new tf.Variable(1.0, { name: "v" }));
      expect(v.op.device).toBe("/job:ps/task:0");
      // The initializer's Assign is colocated with v: it runs where v lives, whatever the scope says.
      expect(g.getOperationByName("v/Assign").device).toBe("/job:ps/task:0");
      tf.device("/job:worker", () => {
        const read = g.colocateWith(v.op, () => tf.identity(v, "r"));
        expect(read.op.device).toBe("/job:ps/task:0");
      });
    });
  });

  it("an imported GraphDef keeps its devices", () => {
    const g = new tf.Graph();
    g.asDefault(() => tf.device("/device:GPU:0", () => tf.constant(1, { name: "k" })));
    const h = new tf.Graph();
    h.asDefault(() => tf.importGraphDef(g.asGraphDef(), { name: "" }));
    expect(h.getOperationByName("k").device).toBe("/device:GPU:0");
  });
});

describe("DeviceSpec (device_spec_test.py)", () => {
  it("parses, prints and merges as DeviceSpecV1", () => {
    expect(tf.DeviceSpec.fromString("/job:foo/replica:0/task:1/device:CPU:2").toString()).toBe(
      "/job:foo/replica:0/task:1/device:CPU:2",
    );
    expect(tf.DeviceSpec.fromString("/gpu:3").toString()).toBe("/device:GPU:3");
    expect(tf.DeviceSpec.fromString("/job:foo/cpu:*").toString()).toBe("/job:foo/device:CPU:*");
    expect(new tf.DeviceSpec({ deviceType: "gpu", deviceIndex: 0 }).toString()).toBe("/device:GPU:0");
    const merged = tf.DeviceSpec.fromString("/job:foo/device:GPU:0").makeMergedSpec(
      tf.DeviceSpec.fromString("/task:1/device:CPU:*"),
    );
    expect(merged.toString()).toBe("/job:foo/task:1/device:CPU:0");
    expect(() => tf.DeviceSpec.fromString("/job:foo/gpu:0/cpu:1")).toThrow(
      "Cannot specify multiple device types: /job:foo/gpu:0/cpu:1",
    );
    expect(() => tf.DeviceSpec.fromString("/bad:foo")).toThrow("Unknown attribute: 'bad' in '/bad:foo'");
  });
});
