// control_flow_ops_py_test.py ControlFlowTest (graph mode, v1 control flow): gradients through tf.whileLoop: the
// gradient while loop TF builds (GradLoopState's counters and stacks), its values, and TF's errors.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";
import { opDefs } from "./op-defs";

const run = (t: tf.Tensor | tf.IndexedSlices | null, feeds?: [tf.Tensor, number | number[]][]) =>
  new tf.Session().run(t as tf.Tensor, feeds ? new Map(feeds) : undefined).toArray();
const f32 = (v: number | number[], name?: string) => tf.constant(v, { dtype: tf.float32, name });
const square = (x: tf.Tensor) => tf.square(x);
const lessThan = (n: number) => (x: tf.Tensor) => tf.less(x, f32(n));
const grad = (ys: tf.Tensor | tf.Tensor[], x: tf.Tensor) => tf.gradients(ys, x)[0] as tf.Tensor;

describe("gradients through tf.whileLoop (control_flow_grad.py, control_flow_state.py)", () => {
  it("testWhileGrad_Square: d(v^(2^5))/dv through a cond at v=2 is 1024", () =>
    inGraph(() => {
      const v = tf.constant(2.0, { dtype: tf.float32, name: "v" });
      let r = tf.whileLoop(
        (x: tf.Tensor) => tf.less(x, 100.0),
        (x: tf.Tensor) => tf.square(x),
        [v],
        { parallelIterations: 1 },
      );
      r = tf.cond(
        tf.less(1, 2),
        () => r,
        () => v,
      );
      const [grad] = tf.gradients(r, v);
      expect(run(grad)).toBeCloseTo(1024.0, 3);
    }));

  it("testWhileGrad_Shape: an unknown-shape loop variable, x fed [3, 4]: [810, 2560]", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [null]);
      const v = f32([2.0], "v");
      const n = tf.constant(0, { name: "n" });
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 5),
        (i: tf.Tensor, w: tf.Tensor) => [tf.add(i, 1), tf.multiply(x, w)],
        [n, v],
        { shapeInvariants: [n.shape, null], parallelIterations: 1 },
      ) as tf.Tensor[];
      const g = grad(r[1], x);
      expect(g.shape).toEqual([null]);
      expect(run(g, [[x, [3.0, 4.0]]])).toEqual([810, 2560]);
    }));

  it("testWhileGrad_BaseShape: a loop that never iterates passes its gradient through: [2, 4]", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [null]);
      const v0 = f32([2.0, 2.0], "v");
      const r = tf.whileLoop(
        () => tf.constant(false),
        (v: tf.Tensor) => tf.multiply(v, x),
        [v0],
      );
      const y = tf.square(x);
      expect(run(grad([r, y], x), [[x, [1.0, 2.0]]])).toEqual([2, 4]);
    }));

  it("testWhileGradAfterSessionRun: maximum_iterations 3 of v*v: 256, then the gradient 1024", () =>
    inGraph(() => {
      const v0 = f32(2);
      const r = tf.whileLoop(
        () => tf.constant(true),
        (v: tf.Tensor) => tf.multiply(v, v),
        [v0],
        { maximumIterations: 3 },
      );
      expect(run(r)).toEqual(256);
      expect(run(grad(r, v0))).toEqual(1024);
    }));

  it("testNestedWhileGradAfterSessionRun: an inner loop per outer iteration: 256, gradient 1024", () =>
    inGraph(() => {
      const v0 = f32(2);
      const body = (v: tf.Tensor) =>
        tf.whileLoop(
          () => tf.constant(true),
          (x: tf.Tensor) => tf.multiply(x, v),
          [f32(1)],
          { maximumIterations: 2 },
        );
      const r = tf.whileLoop(() => tf.constant(true), body, [v0], { maximumIterations: 3 });
      expect(run(r)).toEqual(256);
      expect(run(grad(r, v0))).toEqual(1024);
    }));

  it("testWhileGrad_MultipleUses and testWhileGrad_LoopAdd: 524288 and 2048", () =>
    inGraph(() => {
      const v = f32(2.0, "v");
      const r = tf.whileLoop(lessThan(100), square, [v], { parallelIterations: 1 });
      expect(run(grad(tf.multiply(r, r), v))).toEqual(524288);
      expect(run(grad(tf.add(r, r), v))).toEqual(2048);
    }));

  for (const p of [1, 10]) {
    it(`testWhileGrad_Mul (parallel_iterations ${p}): a loop invariant's gradient 216, the variable's 81`, () =>
      inGraph(() => {
        const a = f32(3.0, "a");
        const v = f32(2.0, "v");
        const r = tf.whileLoop(lessThan(100), (x: tf.Tensor) => tf.multiply(x, a), [v], { parallelIterations: p });
        const [ga, gv] = tf.gradients(r, [a, v]) as tf.Tensor[];
        const [va, vv] = new tf.Session().run([ga, gv]);
        expect(va.toArray()).toEqual(216);
        expect(vv.toArray()).toEqual(81);
      }));
  }

  it("testWhileGrad_Variable: the gradient of a variable read in the body, 216", () =>
    inGraph(() => {
      const a = new tf.Variable(f32(3.0));
      const v = f32(2.0, "v");
      const r = tf.whileLoop(lessThan(100), (x: tf.Tensor) => tf.multiply(x, a), [v], { parallelIterations: 1 });
      const g = tf.gradients(r, a)[0] as tf.Tensor;
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(g).toArray()).toEqual(216);
    }));

  it("testWhileGrad_Gather and GatherNoFanOut: the IndexedSlices of a gather in a loop: [24, 0, 0, 0, 0], [3, 0...]", () =>
    inGraph(() => {
      const x = f32([1, 1, 1, 1, 1]);
      const y = (
        tf.whileLoop(
          (i: tf.Tensor) => tf.less(i, 3),
          (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), tf.add(v, tf.gather(v, [0]))],
          [tf.constant(0), tf.slice(x, [0], [1])],
        ) as tf.Tensor[]
      )[1];
      expect(run(y)).toEqual([8]);
      expect(run(tf.convertToTensor(grad(tf.multiply(y, 3.0), x)))).toEqual([24, 0, 0, 0, 0]);
      const y2 = (
        tf.whileLoop(
          (i: tf.Tensor) => tf.less(i, 3),
          (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), tf.gather(v, [0])],
          [tf.constant(0), tf.slice(x, [0], [1])],
        ) as tf.Tensor[]
      )[1];
      expect(run(tf.convertToTensor(grad(tf.multiply(y2, 3.0), x)))).toEqual([3, 0, 0, 0, 0]);
    }));

  it("testWhileGradInCond: tf.gradients of a loop inside a cond branch: 9", () =>
    inGraph(() => {
      const n = f32(1.0, "n");
      const x = tf.placeholder(tf.float32, null);
      const fn1 = () => {
        const r = tf.whileLoop(lessThan(10), (m: tf.Tensor) => tf.add(m, x), [n], { shapeInvariants: [null] });
        return grad(r, x);
      };
      const r = tf.cond(tf.less(1, 2), fn1, () => x);
      expect(run(r, [[x, 1.0]])).toEqual(9);
    }));

  it("testGradInWhileWrtInitialLoopVal: TF's ValueError naming the op", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [], "x");
      const y = tf.add(x, f32(1));
      const body = (i: tf.Tensor, v: tf.Tensor) => [tf.add(i, 1), grad(tf.multiply(v, 2.0), x)];
      expect(() => tf.whileLoop((i: tf.Tensor) => tf.less(i, 3), body, [tf.constant(0), y])).toThrow(
        "Cannot compute gradient inside while loop with respect to op 'x'. We do not support taking the gradient wrt or through the initial value of a loop variable. Gradients can be computed through loop invariants or wrt the input parameters to the loop body.",
      );
    }));

  it("testWhileGradInWhile: tf.gradients of a loop inside a loop's body: 9", () =>
    inGraph(() => {
      const n = f32(1.0, "n");
      const x = tf.placeholder(tf.float32, null);
      const b1 = (m: tf.Tensor) => {
        const r = tf.whileLoop(lessThan(10), (k: tf.Tensor) => tf.add(k, x), [m], { shapeInvariants: [null] });
        return grad(r, x);
      };
      const r = tf.whileLoop(lessThan(6), b1, [n], { shapeInvariants: [null] });
      expect(run(r, [[x, 1.0]])).toEqual(9);
    }));

  it("testWhileGrad_ys_xs: 304, 124, 295, 120", () =>
    inGraph(() => {
      const x = f32(3.0, "x");
      const y = f32(2.0, "y");
      const [rx, ry] = tf.whileLoop(
        (a: tf.Tensor) => tf.less(a, 100.0),
        (a: tf.Tensor, b: tf.Tensor) => {
          const y1 = tf.add(a, b);
          return [tf.multiply(a, y1), y1];
        },
        [x, y],
        { parallelIterations: 1 },
      ) as tf.Tensor[];
      expect(run(grad([rx, ry], x))).toEqual(304);
      expect(run(grad([rx, ry], y))).toEqual(124);
      expect(run(grad([rx], x))).toEqual(295);
      expect(run(grad([rx], y))).toEqual(120);
    }));

  it("testWhileGrad_Dependency: an int counter beside the float: 1024 both ways", () =>
    inGraph(() => {
      const i = tf.constant(0, { name: "i" });
      const x = f32(2.0, "x");
      const [ri, rx] = tf.whileLoop(
        (k: tf.Tensor) => tf.less(k, 10),
        (k: tf.Tensor, v: tf.Tensor) => [tf.add(k, 1), tf.multiply(v, 2.0)],
        [i, x],
        { parallelIterations: 1 },
      ) as tf.Tensor[];
      expect(run(grad([ri, rx], x))).toEqual(1024);
      expect(run(grad([rx], x))).toEqual(1024);
    }));

  it("testWhileGrad_NoGradient: back_prop=False stops the gradient at the loop: 1", () =>
    inGraph(() => {
      const v = f32(2.0, "v");
      const r = tf.whileLoop(lessThan(100), square, [v], { backProp: false });
      expect(run(grad(tf.add(r, v), v))).toEqual(1);
    }));

  it("testWhileGrad_NoDependency: a loop variable carried unchanged: ones", () =>
    inGraph(() => {
      const variable = new tf.Variable(tf.ones([2, 3]));
      const duration = tf.zeros([], tf.int32);
      const tensors = tf.whileLoop(
        (d: tf.Tensor) => tf.less(d, 10),
        (d: tf.Tensor, t: tf.Tensor) => [tf.add(d, 1), t, t],
        [duration, variable, variable],
      ) as tf.Tensor[];
      const g = tf.gradients(tf.reduceSum(tensors[2]), [variable])[0] as tf.Tensor;
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(g).toArray()).toEqual([
        [1, 1, 1],
        [1, 1, 1],
      ]);
    }));

  it("testWhileGrad_Const: a loop variable replaced by a constant: 0", () =>
    inGraph(() => {
      const c0 = f32(0.0, "c0");
      const c1 = f32(1.0, "c1");
      const tensors = tf.whileLoop(
        (d: tf.Tensor) => tf.less(d, 1),
        (d: tf.Tensor) => [tf.add(d, 1), c1],
        [tf.constant(0, { name: "t" }), c0],
      ) as tf.Tensor[];
      expect(run(grad(tf.reduceSum(tensors[1]), c0))).toEqual(0);
    }));

  it("testWhileGrad_SerialTwoLoops and ParallelTwoLoops: 1024 and 64", () =>
    inGraph(() => {
      const i = tf.constant(0, { name: "i" });
      const x = f32(2.0, "x");
      const c = (k: tf.Tensor) => tf.less(k, 5);
      const b = (k: tf.Tensor, v: tf.Tensor) => [tf.add(k, 1), tf.multiply(v, 2.0)];
      const loop = (v: tf.Tensor) => (tf.whileLoop(c, b, [i, v], { parallelIterations: 1 }) as tf.Tensor[])[1];
      expect(run(grad(loop(loop(x)), x))).toEqual(1024);
      expect(run(grad(tf.add(loop(x), loop(x)), x))).toEqual(64);
    }));

  it("testWhileGrad_OneOutputWithControlDependencyOnSecond: 2, then the gradient 1", () =>
    inGraph((g) => {
      const i = tf.constant(0, { name: "i" });
      const x = f32(1.0, "x");
      const y = f32(1.0, "y");
      const [, xf, yf] = tf.whileLoop(
        (k: tf.Tensor) => tf.less(k, 1, "cond_less"),
        (k: tf.Tensor, xi: tf.Tensor, yi: tf.Tensor) => [
          tf.add(k, 1, "inc"),
          tf.identity(xi, "xi"),
          tf.add(xi, yi, "xi_plus_yi"),
        ],
        [i, x, y],
      ) as tf.Tensor[];
      const yfd = g.controlDependencies([xf], () => tf.identity(yf, "y_f_d"));
      expect(run(yfd)).toEqual(2);
      const gx = grad([yfd], x);
      expect(gx).not.toBeNull();
      expect(run(gx)).toEqual(1);
    }));

  it("testNestedWhileGrad_Simple, SerialInner, ParallelInner: 8, 256, 512", () =>
    inGraph(() => {
      const v = f32(1.0);
      const inner = (s: tf.Tensor) => tf.whileLoop(lessThan(4), (x: tf.Tensor) => tf.multiply(x, 2.0), [s]);
      const r = tf.whileLoop(lessThan(2), (x: tf.Tensor) => tf.multiply(inner(x), 2.0), [v]);
      expect(run(grad(r, v))).toEqual(8);
      const counted = (s: tf.Tensor) =>
        (
          tf.whileLoop(
            (k: tf.Tensor) => tf.less(k, 4),
            (k: tf.Tensor, x: tf.Tensor) => [tf.add(k, 1), tf.multiply(x, 2.0)],
            [tf.constant(0), s],
          ) as tf.Tensor[]
        )[1];
      const serial = tf.whileLoop(lessThan(128), (x: tf.Tensor) => counted(counted(x)), [v]);
      expect(run(grad(serial, v))).toEqual(256);
      const parallel = tf.whileLoop(lessThan(128), (x: tf.Tensor) => tf.multiply(counted(x), counted(x)), [v]);
      expect(run(grad(parallel, v))).toEqual(512);
    }));

  it("testNestedWhileCondWhileGrad: a loop in a cond in a loop: 512", () =>
    inGraph(() => {
      const v = f32(1.0);
      const innerLoop = (s: tf.Tensor) =>
        tf.whileLoop(
          (k: tf.Tensor) => tf.less(k, 4),
          (k: tf.Tensor, x: tf.Tensor) => [tf.add(k, 1), tf.multiply(x, 2.0)],
          [tf.constant(0), s],
        ) as tf.Tensor[];
      const b = (x: tf.Tensor) =>
        tf.cond(
          tf.constant(true),
          () => tf.square(innerLoop(x)[1]),
          () => tf.multiply(x, 2.0),
        );
      const r = tf.whileLoop(lessThan(128), b, [v]);
      expect(run(grad(r, v))).toEqual(512);
    }));

  it("testWhileCondGrad_Simple and _UnknownShape: a cond in the body: 1024", () =>
    inGraph(() => {
      const n = f32(100.0, "n");
      const one = f32(1.0, "one");
      const b = (x: tf.Tensor) =>
        tf.cond(
          tf.constant(true),
          () => tf.square(x),
          () => tf.subtract(x, one),
        );
      const v = f32(2.0, "v");
      expect(
        run(
          grad(
            tf.whileLoop((x: tf.Tensor) => tf.less(x, n), b, [v]),
            v,
          ),
        ),
      ).toEqual(1024);
      const u = tf.placeholder(tf.float32);
      expect(
        run(
          grad(
            tf.whileLoop((x: tf.Tensor) => tf.less(x, n), b, [u]),
            u,
          ),
          [[u, 2.0]],
        ),
      ).toEqual(1024);
    }));

  it("testWhileGrad_Concat: a growing loop variable and GradientDescent: [[0.98, 1.98]]", () =>
    inGraph(() => {
      const x = tf.getVariable("x", { initializer: tf.reshape(f32([1, 2]), [1, 2]) });
      const i0 = tf.constant(0);
      const h0 = tf.zeros([0, 2]);
      const [, h] = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 2),
        (i: tf.Tensor, hh: tf.Tensor) => [tf.add(i, 1), tf.concat([hh, x], 0)],
        [i0, h0],
        { shapeInvariants: [i0.shape, [null, 2]] },
      ) as tf.Tensor[];
      const op = new tf.train.GradientDescentOptimizer(0.01).minimize(tf.reduceSum(h));
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      sess.run(op);
      const got = sess.run(x).toArray() as number[][];
      expect(got[0][0]).toBeCloseTo(0.98, 6);
      expect(got[0][1]).toBeCloseTo(1.98, 6);
    }));

  it("the gradient loop's graph: TF's names (f_count, b_count, b_exit, b_switch, f_acc stacks) and frame", () =>
    inGraph((g) => {
      const v = f32(2.0, "v");
      const r = tf.whileLoop(lessThan(100), square, [v], { parallelIterations: 1 });
      const gv = grad(r, v);
      expect(gv.name).toBe("gradients/while/Enter_grad/Exit:0");
      const nodes = (g.asGraphDef().node ?? []).map((n) => `${n.name}:${n.op}(${(n.input ?? []).join(", ")})`);
      expect(nodes).toEqual(
        expect.arrayContaining([
          "gradients/f_count:Const()",
          "gradients/f_count_1:Enter(gradients/f_count)",
          "gradients/Merge:Merge(gradients/f_count_1, gradients/NextIteration)",
          "gradients/Switch:Switch(gradients/Merge, while/LoopCond)",
          "gradients/Add:Add(gradients/Switch:1, gradients/Add/y)",
          "gradients/NextIteration:NextIteration(gradients/Add, ^gradients/while/Square_grad/Mul/StackPushV2)",
          "gradients/f_count_2:Exit(gradients/Switch)",
          "gradients/b_count:Const()",
          "gradients/b_count_1:Enter(gradients/f_count_2)",
          "gradients/Merge_1:Merge(gradients/b_count_1, gradients/NextIteration_1)",
          "gradients/GreaterEqual:GreaterEqual(gradients/Merge_1, gradients/GreaterEqual/Enter)",
          "gradients/b_count_2:LoopCond(gradients/GreaterEqual)",
          "gradients/Switch_1:Switch(gradients/Merge_1, gradients/b_count_2)",
          "gradients/Sub:Sub(gradients/Switch_1:1, gradients/GreaterEqual/Enter)",
          "gradients/b_count_3:Exit(gradients/Switch_1)",
          "gradients/while/Exit_grad/b_exit:Enter(gradients/Fill)",
          "gradients/while/Switch_grad/b_switch:Merge(gradients/while/Exit_grad/b_exit, gradients/while/Switch_grad_1/NextIteration)",
          "gradients/while/Merge_grad/Switch:Switch(gradients/while/Switch_grad/b_switch, gradients/b_count_2)",
          "gradients/while/Enter_grad/Exit:Exit(gradients/while/Merge_grad/Switch)",
          "gradients/while/Square_grad/Mul/f_acc:StackV2(gradients/while/Square_grad/Mul/Const)",
          "gradients/while/Square_grad/Mul/Enter:Enter(gradients/while/Square_grad/Mul/f_acc)",
          "gradients/while/Square_grad/Mul/StackPushV2:StackPushV2(gradients/while/Square_grad/Mul/Enter, while/Identity, ^gradients/Add)",
          "gradients/while/Square_grad/Mul/StackPopV2/Enter:Enter(gradients/while/Square_grad/Mul/f_acc)",
          "gradients/while/Square_grad/Mul/StackPopV2:StackPopV2(gradients/while/Square_grad/Mul/StackPopV2/Enter, ^gradients/Sub)",
        ]),
      );
      expect(g.getOperationByName("gradients/b_count_1").attrs.frame_name).toBe("gradients/while/while_context");
      expect(g.getOperationByName("gradients/f_count_1").attrs.frame_name).toBe("while/while_context");
      expect(g.getOperationByName("gradients/while/Square_grad/Mul/StackPopV2/Enter").attrs.is_constant).toBe(true);
    }));

  it("a loop of tanh(W x + b): gradients of W and b match central finite differences", () =>
    inGraph(() => {
      const wInit = [
        [0.3, -0.2, 0.1],
        [0.05, 0.4, -0.3],
        [-0.1, 0.2, 0.25],
      ];
      const W = tf.placeholder(tf.float64, [3, 3]);
      const b = tf.placeholder(tf.float64, [3]);
      const x0 = tf.constant([[0.5, -1.0, 0.75]], { dtype: tf.float64 });
      const [, xn] = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 4),
        (i: tf.Tensor, x: tf.Tensor) => [tf.add(i, 1), tf.tanh(tf.add(tf.matmul(x, W), b))],
        [tf.constant(0), x0],
      ) as tf.Tensor[];
      const loss = tf.reduceSum(tf.square(xn));
      const [gW, gb] = tf.gradients(loss, [W, b]) as tf.Tensor[];
      const sess = new tf.Session();
      const bInit = [0.1, -0.05, 0.2];
      const evalLoss = (w: number[][], bb: number[]) =>
        sess
          .run(
            loss,
            new Map<tf.Tensor, number[] | number[][]>([
              [W, w],
              [b, bb],
            ]),
          )
          .toArray() as number;
      const feeds = new Map<tf.Tensor, number[] | number[][]>([
        [W, wInit],
        [b, bInit],
      ]);
      const [aw, ab] = sess.run([gW, gb], feeds).map((t) => t.toArray() as number[] | number[][]);
      const eps = 1e-6;
      for (let r = 0; r < 3; r++) {
        for (let c = 0; c < 3; c++) {
          const plus = wInit.map((row) => [...row]);
          const minus = wInit.map((row) => [...row]);
          plus[r][c] += eps;
          minus[r][c] -= eps;
          const numeric = (evalLoss(plus, bInit) - evalLoss(minus, bInit)) / (2 * eps);
          expect((aw as number[][])[r][c]).toBeCloseTo(numeric, 6);
        }
        const bp = [...bInit];
        const bm = [...bInit];
        bp[r] += eps;
        bm[r] -= eps;
        expect((ab as number[])[r]).toBeCloseTo((evalLoss(wInit, bp) - evalLoss(wInit, bm)) / (2 * eps), 6);
      }
    }));
});

describe("the StackV2 kernels (stack_ops.cc)", () => {
  it("push, pop last-in first-out, and TF's error on an empty stack", () =>
    inGraph(() => {
      const handle = tf.getDefaultGraph().createOp(opDefs.StackV2, [tf.constant(-1)], {
        name: "s",
        attrs: { elem_type: tf.float32, stack_name: "s" },
      }).outputs[0];
      const push = (v: number, dep?: tf.Operation) =>
        tf.getDefaultGraph().createOp(opDefs.StackPushV2, [handle, f32(v)], {
          attrs: { T: tf.float32, swap_memory: false },
          controlInputs: dep ? [dep] : [],
        });
      const p1 = push(1);
      const p2 = push(2, p1);
      const pop = (dep: tf.Operation) =>
        tf.getDefaultGraph().createOp(opDefs.StackPopV2, [handle], {
          attrs: { elem_type: tf.float32 },
          controlInputs: [dep],
        });
      const a = pop(p2);
      const b2 = pop(a);
      const c = pop(b2);
      const sess = new tf.Session();
      const [va, vb] = sess.run([a.outputs[0], b2.outputs[0]]);
      expect([va.toArray(), vb.toArray()]).toEqual([2, 1]);
      expect(() => sess.run(c.outputs[0])).toThrow(/^Stack\[s_\d+\] is empty\.$/);
    }));
});
