// ops_test.py RegistrationTest, gradients_test.py CustomGradientTest and testNoGradientForStringOutputs (TF 1.15):
// RegisterGradient, NotDifferentiable, Graph.gradientOverrideMap and tf.customGradient.
import { describe, expect, it } from "vitest";
import { KeyError } from "../errors";
import { graphToGraphDef } from "../framework/graph-to-graphdef";
import * as tf from "../index";
import { getGradientFunction } from "./registry";

const float32Out = [{ dtype: tf.float32, shape: null }];

const f32 = (value: number | number[]) => tf.constant(value, { dtype: tf.float32 });

function evaluate(t: tf.Tensor): unknown {
  return new tf.Session().run(t).toArray();
}

// ops_test.py: module-level registrations, as the test file makes them (process-wide, once).
tf.NotDifferentiable("FloatOutput");
function CopyGrad(_op: tf.Operation, xGrad: tf.Tensor) {
  return xGrad;
}
tf.RegisterGradient("CopyOp")(CopyGrad);
const copyOverrideGrad = tf.RegisterGradient("copy_override")((_op, xGrad) => xGrad);

function floatOutput(g: tf.Graph): tf.Tensor {
  return g.createOp("FloatOutput", [], { outputs: float32Out }).outputs[0];
}

describe("RegisterGradient and gradient_override_map (ops_test.py RegistrationTest)", () => {
  it("testRegisterGradients: the op type's registered function answers, called as TF calls it", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = floatOutput(g);
      const y = g.createOp("CopyOp", [x], { outputs: float32Out });
      const fn = getGradientFunction(y);
      const grad = f32(2.0);
      expect(fn?.(y, [grad])).toEqual([grad]);
      expect(getGradientFunction(x.op)).toBeNull();
    });
  });

  it("testOverrideGradients: an op made under gradientOverrideMap records _gradient_op_type and uses that function", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = floatOutput(g);
      let calls = 0;
      tf.RegisterGradient("copy_override_counted")((_op: tf.Operation, grad: tf.Tensor) => {
        calls++;
        return copyOverrideGrad(_op, grad);
      });
      const y = g.gradientOverrideMap({ CopyOp: "copy_override_counted" }, () =>
        g.createOp("CopyOp", [x], { outputs: float32Out }),
      );
      const after = g.createOp("CopyOp", [x], { outputs: float32Out });
      expect(y.attrs._gradient_op_type).toBe("copy_override_counted");
      expect(Object.hasOwn(after.attrs, "_gradient_op_type")).toBe(false);
      getGradientFunction(y)?.(y, [f32(1.0)]);
      expect(calls).toBe(1);
      const node = graphToGraphDef(g).node?.find((n) => n.name === y.name);
      expect(new TextDecoder().decode(node?.attr?._gradient_op_type?.s)).toBe("copy_override_counted");
    });
  });

  it("testNonExistentOverride: an override nothing registered is a LookupError naming it", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = floatOutput(g);
      const y = g.gradientOverrideMap({ CopyOp: "unknown_override" }, () =>
        g.createOp("CopyOp", [x], { outputs: float32Out }),
      );
      expect(() => getGradientFunction(y)).toThrow(tf.LookupError);
      expect(() => getGradientFunction(y)).toThrow("unknown_override");
      // gradients_util.py re-raises it naming the op and its type.
      expect(() => tf.gradients(y.outputs[0], x)).toThrow(
        "No gradient defined for operation 'CopyOp' (op type: CopyOp)",
      );
    });
  });

  it("nested maps shadow and restore the outer mapping (ops.py saved_mappings)", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = f32(1.0);
      const [a, b, c] = g.gradientOverrideMap({ Identity: "outer" }, () => {
        const inner = g.gradientOverrideMap({ Identity: "inner" }, () => tf.identity(x));
        return [inner, tf.identity(x), undefined];
      });
      void c;
      expect(a.op.attrs._gradient_op_type).toBe("inner");
      expect(b.op.attrs._gradient_op_type).toBe("outer");
      expect(Object.hasOwn(tf.identity(x).op.attrs, "_gradient_op_type")).toBe(false);
    });
  });

  it("a map that is not strings to strings is TF's TypeError, and the graph keeps no mapping", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const bad = { Identity: 3 } as unknown as Record<string, string>;
      expect(() => g.gradientOverrideMap(bad, () => 0)).toThrow(
        new TypeError("op_type_map must be a dictionary mapping strings to strings"),
      );
      expect(Object.hasOwn(tf.identity(f32(1)).op.attrs, "_gradient_op_type")).toBe(false);
    });
  });

  it("a second registration of a name is TF's KeyError naming the first; a built-in type counts", () => {
    expect(() => tf.RegisterGradient("CopyOp")(CopyGrad)).toThrow(KeyError);
    expect(() => tf.RegisterGradient("CopyOp")(CopyGrad)).toThrow(
      /^Registering two gradient with name 'CopyOp'! \(Previous registration was in CopyGrad .*custom-gradient\.test\.ts:\d+\)$/,
    );
    expect(() => tf.NotDifferentiable("Square")).toThrow("Registering two gradient with name 'Square'!");
    expect(() => tf.RegisterGradient(3 as unknown as string)).toThrow(new TypeError("op_type must be a string"));
  });

  it("a gradient reversal layer: Identity mapped to a registered negation (the common TF1 use)", () => {
    tf.RegisterGradient("FlipGradient_test")((_op, grad) => [grad.neg()]);
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = f32([1.0, 2.0]);
      const y = g.gradientOverrideMap({ Identity: "FlipGradient_test" }, () => tf.identity(x));
      const loss = tf.reduceSum(y.mul(3.0));
      const [dx] = tf.gradients(loss, x);
      expect(evaluate(dx as tf.Tensor)).toEqual([-3, -3]);
      expect((dx as tf.Tensor).name).toBe("gradients/Identity_grad/Neg:0");
    });
  });

  it("testNoGradientForStringOutputs: a non-float output gets null, the float one its gradient", () => {
    let seen: [tf.DType, unknown] | undefined;
    tf.RegisterGradient("TestStringOutput")((_op, floatGrad, stringGrad) => {
      seen = [floatGrad.dtype, stringGrad];
      return floatGrad;
    });
    const g = new tf.Graph();
    g.asDefault(() => {
      const c = f32(1.0);
      const op = g.createOp("TestStringOutput", [c], {
        outputs: [
          { dtype: tf.float32, shape: null },
          { dtype: tf.string, shape: null },
        ],
      });
      const z = op.outputs[0].mul(2.0);
      const w = z.mul(3.0);
      expect(tf.gradients(z, [c])[0]).toBeInstanceOf(tf.Tensor);
      expect(seen).toEqual([tf.float32, null]);
      expect(tf.gradients(w, [c])[0]).toBeInstanceOf(tf.Tensor);
    });
  });
});

describe("tf.customGradient (gradients_test.py CustomGradientTest)", () => {
  it("testCustomGradientTrivial: the custom gradient 3 * dy composes: 9", () => {
    const MyIdentity = tf.customGradient((x) => [x, (dy) => [dy.mul(3)]]);
    new tf.Graph().asDefault(() => {
      const x = f32(3.0);
      const y = MyIdentity(MyIdentity(x));
      const [dy] = tf.gradients(y, x);
      expect(evaluate(dy as tf.Tensor)).toBe(9);
    });
  });

  it("testCustomGradient: the gradients of two inputs, in the order grad_fn returns them", () => {
    const MyMultiply = tf.customGradient((x1, x2) => [x1.mul(x2), (dy) => [dy.mul(x1), dy.mul(x2)]]);
    new tf.Graph().asDefault(() => {
      const x1 = f32(3.0);
      const x2 = f32(5.0);
      const y = MyMultiply(x1, x2);
      const dy = tf.gradients(y, [x1, x2]);
      expect(dy.map((t) => evaluate(t as tf.Tensor))).toEqual([3, 5]);
    });
  });

  it("builds TF's graph: one IdentityN over result and inputs, its gradient overridden by CustomGradient-<uid>", () => {
    const Square = tf.customGradient((x) => [x.mul(x), (dy) => dy.mul(x).mul(2)]);
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [2], "x");
      const y = Square(x);
      expect(y.name).toBe("IdentityN:0");
      expect(y.op.type).toBe("IdentityN");
      expect(y.op.inputs.map((t) => t.name)).toEqual(["mul:0", "x:0"]);
      expect(y.op.outputs.length).toBe(2);
      expect(String(y.op.attrs._gradient_op_type)).toMatch(/^CustomGradient-\d+$/);
      const [dx] = tf.gradients(y, x);
      expect((dx as tf.Tensor).name).toBe("gradients/IdentityN_grad/mul_1:0");
      const out = new tf.Session().run(dx as tf.Tensor, new Map([[x, [1.5, -2]]]));
      expect(Array.from(out.data as Float32Array)).toEqual([3, -4]);
    });
  });

  it("a structured result keeps its structure (nest.pack_sequence_as)", () => {
    const Pair = tf.customGradient((x) => [{ a: x.mul(2), b: [x.mul(3)] }, (da, db) => da.mul(2).add(db.mul(3))]);
    new tf.Graph().asDefault(() => {
      const x = f32(1.0);
      const out = Pair(x);
      expect(out.a.name).toBe("IdentityN:0");
      expect(out.b[0].name).toBe("IdentityN:1");
      const [dx] = tf.gradients([out.a, out.b[0]], x);
      expect(evaluate(dx as tf.Tensor)).toBe(5);
    });
  });

  it("testCustomGradientErrors: an error in grad_fn propagates out of tf.gradients", () => {
    const F = tf.customGradient((x) => [
      x,
      () => {
        throw new tf.errors.RuntimeError("x");
      },
    ]);
    new tf.Graph().asDefault(() => {
      const x = f32(1.0);
      const y = F(x);
      expect(() => tf.gradients(y, x)).toThrow(tf.errors.RuntimeError);
    });
  });

  it("testCustomGradientErrorsWithNonResourceVariables: variables made inside f are refused (ref variables)", () => {
    const FNonResource = tf.customGradient((x) => {
      const out = tf.variableScope("f", () => tf.layers.dense(x, 4, { useBias: false }));
      return [out, (outGrad) => tf.ones([3, 2]).mul(outGrad)];
    });
    new tf.Graph().asDefault(() => {
      const x = tf.ones([3, 2]).add(2);
      tf.variableScope("vs1", () => {
        expect(() => FNonResource(x)).toThrow(
          new TypeError(
            "All variables used by a function wrapped with @custom_gradient must be `ResourceVariable`s. Ensure that " +
              "no `variable_scope` is created with `use_resource=False`.",
          ),
        );
      });
    });
  });
});
