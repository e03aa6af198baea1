// summary.py image/audio, text_summary.py: ports of python/summary/summary_test.py (SummaryTest), kernel_tests
// summary_image_op_test.py, summary_audio_op_test.py and python/summary/text_summary_test.py. PNGs are inflated with
// node:zlib, which proves the stored-block streams are valid zlib.
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, ValueError } from "../errors";
import { PNG_SIGNATURE } from "../formats/png";
import { decodeSummary } from "../formats/summary-builders";
import { floatToInt16Sample } from "../formats/wav";
import { tensorProtoToNdarray } from "../framework/tensor-proto";
import { decodeGraphDef } from "../graphdef/graphdef-codec";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import type { SummaryValue, TensorProto } from "../proto/types";
import { FileWriter } from "./file-writer";
import { summaryIterator } from "./summary-iterator";

function runSummary(t: tf.Tensor): SummaryValue[] {
  const sess = new tf.Session({ graph: t.graph });
  return decodeSummary(sess.run(t).item() as Uint8Array).value;
}

/** Reads a PNG's IHDR and inflates its IDAT, undoing filter 0 (the only one the encoder writes). */
function decodePng(bytes: Uint8Array) {
  expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: { type: string; data: Uint8Array }[] = [];
  for (let pos = 8; pos < bytes.length; ) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    chunks.push({ type, data: bytes.subarray(pos + 8, pos + 8 + len) });
    pos += 12 + len;
  }
  expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
  const ihdr = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
  const width = ihdr.getUint32(0);
  const height = ihdr.getUint32(4);
  const [bitDepth, colorType] = [ihdr.getUint8(8), ihdr.getUint8(9)];
  const channels = { 0: 1, 2: 3, 6: 4 }[colorType] as number;
  const raw = new Uint8Array(inflateSync(chunks[1].data));
  const stride = width * channels;
  const pixels: number[] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (stride + 1)]).toBe(0);
    pixels.push(...raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
  }
  return { width, height, bitDepth, colorType, pixels };
}

describe("tf.summary.image", () => {
  it("summary_test.py: SummaryTest.testImageSummary: outer/inner/image/0..2 of a batch of 5", () => {
    const g = new tf.Graph();
    const im = g.asDefault(() =>
      tf.nameScope("outer", () => tf.summary.image("inner", tf.ones([5, 4, 4, 3]), { maxOutputs: 3 })),
    );
    expect(im.op.name).toBe("outer/inner");
    expect(im.op.type).toBe("ImageSummary");
    expect(im.op.inputs.map((t) => t.name)).toEqual(["outer/inner/tag:0", "outer/ones:0"]);
    expect(im.op.attrs.max_images).toBe(3);
    const node = decodeGraphDef(tf.io.encodeGraphDef(g.asGraphDef())).node?.find((n) => n.name === "outer/inner");
    expect(node?.attr?.T).toEqual({ type: "DT_FLOAT" });
    expect(node?.attr?.max_images).toEqual({ i: 3 });
    // gen_logging_ops.py: bad_color's default, a uint8 [4] of opaque red.
    const bad = tensorProtoToNdarray(node?.attr?.bad_color?.tensor as TensorProto);
    expect([bad.dtype.name, bad.shape, Array.from(bad.data as Uint8Array)]).toEqual(["uint8", [4], [255, 0, 0, 255]]);
    expect(g.getCollection(tf.GraphKeys.SUMMARIES)).toEqual([im]);
    const values = runSummary(im);
    expect(values.map((v) => v.tag).sort()).toEqual([
      "outer/inner/image/0",
      "outer/inner/image/1",
      "outer/inner/image/2",
    ]);
    expect(values[0].image).toMatchObject({ height: 4, width: 4, colorspace: 3 });
    // ones: max 1 scales by 255.
    expect(decodePng(values[0].image?.encodedImageString as Uint8Array).pixels).toEqual(new Array(48).fill(255));
  });

  it("summary_test.py: SummaryTest.testImageSummaryWithFamily", () => {
    const g = new tf.Graph();
    const im = g.asDefault(() =>
      tf.nameScope("outer", () =>
        tf.summary.image("inner", tf.ones([5, 2, 3, 1]), { maxOutputs: 3, family: "family" }),
      ),
    );
    expect(im.op.name).toBe("outer/family/inner");
    expect(runSummary(im).map((v) => v.tag)).toEqual([0, 1, 2].map((i) => `family/outer/family/inner/image/${i}`));
  });

  it("summary_image_op_test.py: testImageSummary: float images scale by max, or center on 128 with negatives; NaN is bad_color", () => {
    const g = new tf.Graph();
    const { pos, neg, bad } = g.asDefault(() => ({
      pos: tf.summary.image("pos", tf.constant([0, 0.5, 1, 2], { shape: [1, 2, 2, 1], dtype: "float32" })),
      neg: tf.summary.image("neg", tf.constant([-2, 0, 1, 2], { shape: [1, 1, 4, 1], dtype: "float32" }), {
        maxOutputs: 1,
      }),
      bad: tf.summary.image(
        "bad",
        tf.constant([0.5, 0.25, Number.NaN, 1, 0, 1], { shape: [1, 1, 2, 3], dtype: "float64" }),
      ),
    }));
    const [p] = runSummary(pos);
    expect(p.tag).toBe("pos/image/0");
    const png = decodePng(p.image?.encodedImageString as Uint8Array);
    expect(png).toMatchObject({ width: 2, height: 2, bitDepth: 8, colorType: 0 });
    // 255 / 2 = 127.5: 0.5 -> 63.75, 1 -> 127.5, 2 -> 255, truncated.
    expect(png.pixels).toEqual([0, 63, 127, 255]);
    const [n] = runSummary(neg);
    expect(n.tag).toBe("neg/image"); // max_outputs 1: no index
    // 127 / 2 around 128: -2 -> 1, 0 -> 128, 1 -> 191.5, 2 -> 255.
    expect(decodePng(n.image?.encodedImageString as Uint8Array).pixels).toEqual([1, 128, 191, 255]);
    const [b] = runSummary(bad);
    const bp = decodePng(b.image?.encodedImageString as Uint8Array);
    expect(bp.colorType).toBe(2);
    // The NaN pixel is TF's default bad_color (red); the other scales by 255 / 1.
    expect(bp.pixels).toEqual([255, 0, 0, 255, 0, 255]);
  });

  it("summary_image_op_test.py: testImageSummaryUint8: uint8 RGBA passes through; a bad shape is an error", () => {
    const g = new tf.Graph();
    const { s, wrong } = g.asDefault(() => ({
      s: tf.summary.image(
        "u8",
        tf.constant([1, 2, 3, 4, 250, 251, 252, 253], { shape: [2, 1, 1, 4], dtype: "uint8" }),
        {
          maxOutputs: 5,
        },
      ),
      wrong: tf.summary.image("wrong", tf.placeholder("float32", [null, null, null, null])),
    }));
    const values = runSummary(s);
    expect(values.map((v) => v.tag)).toEqual(["u8/image/0", "u8/image/1"]);
    const png = decodePng(values[1].image?.encodedImageString as Uint8Array);
    expect(png.colorType).toBe(6);
    expect(png.pixels).toEqual([250, 251, 252, 253]);
    const sess = new tf.Session({ graph: g });
    expect(() => sess.run(wrong, new Map([[wrong.op.inputs[1], new tf.NDArray("float32", [1, 2, 2, 2])]]))).toThrow(
      new InvalidArgumentError("Tensor must be 4-D with last dim 1, 3, or 4, not [1,2,2,2]"),
    );
  });

  it("encodes rows longer than one stored block (65535 bytes) into a PNG zlib inflates", () => {
    const g = new tf.Graph();
    const s = g.asDefault(() => tf.summary.image("big", tf.fill([1, 200, 120, 3], tf.constant(7, { dtype: "uint8" }))));
    const png = decodePng(runSummary(s)[0].image?.encodedImageString as Uint8Array);
    expect(png.pixels.length).toBe(200 * 120 * 3);
    expect(png.pixels.every((v) => v === 7)).toBe(true);
  });
});

describe("tf.summary.audio", () => {
  it("summary_test.py: SummaryTest.testAudioSummary and testAudioSummaryWithFamily", () => {
    const g = new tf.Graph();
    const { aud, fam } = g.asDefault(() =>
      tf.nameScope("outer", () => ({
        aud: tf.summary.audio("inner", tf.ones([5, 3, 4]), 0.2, { maxOutputs: 3 }),
        fam: tf.summary.audio("inner", tf.ones([5, 3, 4]), 0.2, { maxOutputs: 3, family: "family" }),
      })),
    );
    expect(aud.op.type).toBe("AudioSummaryV2");
    expect(aud.op.inputs.map((t) => t.name)).toEqual([
      "outer/inner/tag:0",
      "outer/ones:0",
      "outer/inner/sample_rate:0",
    ]);
    expect(fam.op.name).toBe("outer/family/inner");
    expect(runSummary(aud).map((v) => v.tag)).toEqual([0, 1, 2].map((i) => `outer/inner/audio/${i}`));
    expect(runSummary(fam).map((v) => v.tag)).toEqual([0, 1, 2].map((i) => `family/outer/family/inner/audio/${i}`));
  });

  it("summary_audio_op_test.py: testAudioSummary: Summary.Audio fields and a 16-bit PCM WAV per clip", () => {
    const g = new tf.Graph();
    const { stereo, mono } = g.asDefault(() => ({
      // [batch 2, frames 2, channels 2]
      stereo: tf.summary.audio("snd", tf.constant([0, 0.5, -0.5, 1, 2, -2, 0.25, -1], { shape: [2, 2, 2] }), 8000),
      mono: tf.summary.audio("mono", tf.constant([0.1, -0.1, 0.2], { shape: [1, 3] }), 44100.5, { maxOutputs: 1 }),
    }));
    const values = runSummary(stereo);
    expect(values.map((v) => v.tag)).toEqual(["snd/audio/0", "snd/audio/1"]);
    expect(values[1].audio).toMatchObject({
      sampleRate: 8000,
      numChannels: 2,
      lengthFrames: 2,
      contentType: "audio/wav",
    });
    const wav = values[1].audio?.encodedAudioString as Uint8Array;
    const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
    const ascii = (pos: number) => String.fromCharCode(...wav.subarray(pos, pos + 4));
    expect([ascii(0), ascii(8), ascii(12), ascii(36)]).toEqual(["RIFF", "WAVE", "fmt ", "data"]);
    expect(wav.length).toBe(44 + 8);
    expect(view.getUint32(4, true)).toBe(44 + 8 - 8);
    expect([view.getUint16(20, true), view.getUint16(22, true), view.getUint32(24, true)]).toEqual([1, 2, 8000]);
    expect([view.getUint32(28, true), view.getUint16(32, true), view.getUint16(34, true)]).toEqual([16000, 4, 16]);
    expect(view.getUint32(40, true)).toBe(8);
    // Clipped to int16: 2 -> 32767, -2 -> -32768; 0.25 -> 8192; -1 -> -32768.
    expect([0, 1, 2, 3].map((i) => view.getInt16(44 + 2 * i, true))).toEqual([32767, -32768, 8192, -32768]);

    const [m] = runSummary(mono);
    expect(m.tag).toBe("mono/audio");
    expect(m.audio).toMatchObject({ sampleRate: 44100.5, numChannels: 1, lengthFrames: 3 });
    const mono16 = m.audio?.encodedAudioString as Uint8Array;
    const mv = new DataView(mono16.buffer, mono16.byteOffset, mono16.byteLength);
    expect(mv.getUint32(24, true)).toBe(44100); // lrintf: half to even
    expect([0, 1, 2].map((i) => mv.getInt16(44 + 2 * i, true))).toEqual([0.1, -0.1, 0.2].map(floatToInt16Sample));
    expect(floatToInt16Sample(0.1)).toBe(3277);
    expect(floatToInt16Sample(-0.5)).toBe(-16384);
  });

  it("rejects a 1-D tensor as the kernel does, and max_outputs below 1 as op_def_library does", () => {
    const g = new tf.Graph();
    g.asDefault(() =>
      expect(() => tf.summary.audio("x", tf.zeros([1, 2]), 100, { maxOutputs: 0 })).toThrow(
        new ValueError("Attr 'max_outputs' of 'AudioSummaryV2' Op passed 0 less than minimum 1."),
      ),
    );
    const s = g.asDefault(() => tf.summary.audio("x", tf.constant([0.1, 0.2]), 100));
    expect(() => runSummary(s)).toThrow(new InvalidArgumentError("Tensor must be 3-D or 2-D, got: [2]"));
  });
});

describe("tf.summary.text", () => {
  it("text_summary_test.py: TextPluginTest.testTextSummaryAPI", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const num = tf.constant(1);
      expect(() => tf.summary.text("foo", num)).toThrow(
        new ValueError("Expected tensor Const:0 to have dtype string, got <dtype: 'int32'>"),
      );
      // The API accepts vectors and scalars.
      const summ = tf.summary.text("foo", tf.constant(["one", "two", "three"]));
      expect(summ.op.type).toBe("TensorSummaryV2");
      expect(summ.op.name).toBe("foo");
      expect(summ.op.inputs.map((t) => t.name)).toEqual([
        "foo/tag:0",
        "Const_1:0",
        "foo/serialized_summary_metadata:0",
      ]);
      // SummaryMetadata { plugin_data { plugin_name: "text" } }, serialized as text_summary.py does.
      const meta = summ.op.inputs[2].op.attrs.value as tf.NDArray;
      expect(Array.from(meta.data[0] as Uint8Array)).toEqual([
        0x0a,
        0x06,
        0x0a,
        0x04,
        ...new TextEncoder().encode("text"),
      ]);
      const scalarSumm = tf.summary.text("foo", tf.constant("one"));
      expect(scalarSumm.op.type).toBe("TensorSummaryV2");
      expect(scalarSumm.op.name).toBe("foo_1");
      const [v] = runSummary(summ);
      expect(v.tag).toBe("foo");
      expect(v.metadata?.pluginData?.pluginName).toBe("text");
      expect(v.tensor?.dtype).toBe("DT_STRING");
      expect(v.tensor?.stringVal?.map((s) => new TextDecoder().decode(s))).toEqual(["one", "two", "three"]);
      expect(v.tensor?.tensorShape?.dim?.map((d) => Number(d.size))).toEqual([3]);
    });
  });

  it("text_summary_test.py: TextPluginTest.testTextSummaryCollections", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.summary.text("bar", tf.constant("2"), { collections: [] });
      expect(g.getCollection(tf.GraphKeys.SUMMARIES)).toHaveLength(0);
      tf.summary.text("bar", tf.constant("2"), { collections: ["foo"] });
      expect(g.getCollection("foo")).toHaveLength(1);
    });
  });

  it("tensorSummary of a float tensor keeps its bytes in tensor_content", () => {
    const g = new tf.Graph();
    const s = g.asDefault(() =>
      tf.summary.tensorSummary("t", tf.constant([1, 2], { dtype: "float32" }), { displayName: "T" }),
    );
    const [v] = runSummary(s);
    expect(v.metadata?.displayName).toBe("T");
    expect(Array.from(new Float32Array(new Uint8Array(v.tensor?.tensorContent as Uint8Array).buffer))).toEqual([1, 2]);
  });
});

describe("image, audio and text summaries in an event file", () => {
  it("FileWriter writes the merged summary; summaryIterator reads the values back", () => {
    const g = new tf.Graph();
    const merged = g.asDefault(() => {
      tf.summary.image("img", tf.ones([1, 2, 2, 1]));
      tf.summary.audio("snd", tf.zeros([1, 4]), 16000);
      tf.summary.text("txt", tf.constant("hello"));
      return tf.summary.mergeAll() as tf.Tensor;
    });
    const sess = new tf.Session({ graph: g });
    const fs = memoryFs();
    const writer = new FileWriter("/logs/run", null, { fileSystem: fs, host: "h", now: () => 5_000 });
    writer.addSummary(sess.run(merged) as tf.NDArray, 3);
    writer.close();
    const events = [...summaryIterator(writer.getFilename(), fs)];
    const values = events[1].summary?.value ?? [];
    expect(values.map((v) => v.tag)).toEqual(["img/image/0", "snd/audio/0", "txt"]);
    expect(decodePng(values[0].image?.encodedImageString as Uint8Array).pixels).toEqual([255, 255, 255, 255]);
    expect(values[1].audio?.encodedAudioString?.length).toBe(44 + 8);
    expect(values[2].metadata?.pluginData?.pluginName).toBe("text");
  });
});
