import { describe, expect, it } from "vitest";
import { DataLossError, FailedPreconditionError, NotFoundError } from "../errors";
import { crc32c, extendCrc32c, maskCrc, maskedCrc32c, unmaskCrc } from "./crc32c";
import { basenamePath, dirnamePath, joinPath } from "./file-system";
import { memoryFs } from "./memory-fs";
import { encodeRecord, encodeRecords, readRecords } from "./tfrecord";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("crc32c (crc32c_test.cc)", () => {
  it("StandardResults: the CRC-32C check value and iSCSI vectors", () => {
    expect(crc32c(bytes("123456789"))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
  });
  it("Extend equals the CRC of the concatenation", () => {
    expect(extendCrc32c(crc32c(bytes("hello ")), bytes("world"))).toBe(crc32c(bytes("hello world")));
  });
  it("Mask: masking changes the value and unmask undoes it", () => {
    const crc = crc32c(bytes("foo"));
    expect(maskCrc(crc)).not.toBe(crc);
    expect(maskCrc(maskCrc(crc))).not.toBe(crc);
    expect(unmaskCrc(maskCrc(crc))).toBe(crc);
    expect(unmaskCrc(unmaskCrc(maskCrc(maskCrc(crc))))).toBe(crc);
    expect(maskedCrc32c(new Uint8Array(0))).toBe(0xa282ead8);
  });
});

describe("TFRecord framing", () => {
  it("frames length, masked CRCs and data; reads back every record", () => {
    const record = encodeRecord(bytes("abc"));
    expect(record.length).toBe(3 + 16);
    expect(Array.from(record.subarray(0, 8))).toEqual([3, 0, 0, 0, 0, 0, 0, 0]);
    const file = encodeRecords([bytes("abc"), new Uint8Array(0), bytes("xyz!")]);
    expect(readRecords(file, "f").map((r) => new TextDecoder().decode(r))).toEqual(["abc", "", "xyz!"]);
  });
  it("a corrupt data byte names the file and the record's offset", () => {
    const file = encodeRecords([bytes("abc"), bytes("xyz!")]);
    file[19 + 12] ^= 1;
    expect(() => readRecords(file, "logs/f")).toThrow(DataLossError);
    expect(() => readRecords(file, "logs/f")).toThrow(
      "corrupted record at 19 in logs/f: the data's checksum does not match",
    );
  });
  it("a truncated last record: an error, TF 1.x's tf_record_iterator, or TensorBoard's stop (truncatedTail)", () => {
    const file = encodeRecords([bytes("abc"), bytes("xyz!")]); // records at 0 (19 bytes) and 19 (20 bytes)
    const read = (b: Uint8Array, truncatedTail?: "error" | "tf" | "stop") =>
      readRecords(b, "f", { truncatedTail }).map((r) => new TextDecoder().decode(r));
    const headerCut = file.subarray(0, 19 + 5);
    const dataCut = file.subarray(0, file.length - 1);
    expect(() => read(headerCut)).toThrow("truncated record at 19 in f: 5 bytes left, a record header needs 12");
    expect(() => read(dataCut, "error")).toThrow(
      "truncated record at 19 in f: the record says 4 bytes of data, but only 3 follow",
    );
    // record_reader.cc: a short header read is the input stream's OutOfRange (the end); a short data read is DataLoss.
    expect(read(headerCut, "tf")).toEqual(["abc"]);
    expect(() => read(dataCut, "tf")).toThrow(DataLossError);
    expect(() => read(dataCut, "tf")).toThrow(
      "truncated record at 19 in f: the record says 4 bytes of data, but only 3 follow",
    );
    expect(read(headerCut, "stop")).toEqual(["abc"]);
    expect(read(dataCut, "stop")).toEqual(["abc"]);
    for (let n = 19; n < file.length; n++) expect(read(file.subarray(0, n), "stop")).toEqual(["abc"]);
    expect(read(file, "stop")).toEqual(["abc", "xyz!"]);
  });
  it("a checksum that does not match is a DataLossError in every mode, in the middle or in the last record", () => {
    const file = encodeRecords([bytes("abc"), bytes("xyz!"), bytes("tail")]);
    const middle = file.slice();
    middle[19 + 12] ^= 1;
    const torn = middle.subarray(0, middle.length - 2);
    for (const truncatedTail of ["error", "tf", "stop"] as const) {
      expect(() => readRecords(torn, "f", { truncatedTail })).toThrow(
        "corrupted record at 19 in f: the data's checksum does not match",
      );
    }
    const badLength = file.slice();
    badLength[39 + 2] ^= 1;
    expect(() => readRecords(badLength, "f", { truncatedTail: "stop" })).toThrow(
      "corrupted record at 39 in f: the length's checksum does not match",
    );
  });
});

describe("file-system helpers and memoryFs", () => {
  it("joins and splits paths like os.path", () => {
    expect(joinPath("logs", "run1", "events")).toBe("logs/run1/events");
    expect(joinPath("/a/", "b")).toBe("/a/b");
    expect(joinPath("a", "/abs", "c")).toBe("/abs/c");
    expect(joinPath("", "x")).toBe("x");
    expect(dirnamePath("a/b/c.index")).toBe("a/b");
    expect(dirnamePath("c.index")).toBe("");
    expect(dirnamePath("/c")).toBe("/");
    expect(basenamePath("a/b/model.ckpt-5.index")).toBe("model.ckpt-5.index");
  });

  it("writes, reads, lists, renames and removes; missing paths are NotFoundError", () => {
    const fs = memoryFs();
    expect(() => fs.writeFileAtomic("logs/run/x", bytes("1"))).toThrow(NotFoundError);
    expect(() => fs.writeFileAtomic("logs/run/x", bytes("1"))).toThrow("logs/run; No such file or directory");
    fs.makeDirs("logs/run");
    fs.writeFileAtomic("logs/run/x", bytes("1"));
    fs.writeFileAtomic("/logs/run/y", bytes("22"));
    expect(fs.exists("logs/run/x")).toBe(true);
    expect(fs.isDirectory("logs")).toBe(true);
    expect(fs.listDir("logs")).toEqual(["run"]);
    expect(fs.listDir("logs/run")).toEqual(["x", "y"]);
    fs.rename("logs/run/y", "logs/run/z");
    expect(fs.listDir("logs/run")).toEqual(["x", "z"]);
    expect(new TextDecoder().decode(fs.readFile("logs/run/z"))).toBe("22");
    fs.remove("logs/run/x");
    expect(() => fs.readFile("logs/run/x")).toThrow("logs/run/x; No such file or directory");
    expect(() => fs.remove("nope")).toThrow(NotFoundError);
    expect([...fs.files().keys()]).toEqual(["/logs/run/z"]);
  });

  it("keeps its own copies: mutating written or read bytes changes nothing", () => {
    const fs = memoryFs();
    const data = bytes("abc");
    fs.writeFileAtomic("f", data);
    data[0] = 0;
    fs.readFile("f")[1] = 0;
    expect(new TextDecoder().decode(fs.readFile("f"))).toBe("abc");
  });

  it("appendFile adds to the end (creating the file), keeps its own copy, and checks the path as writeFileAtomic does", () => {
    const fs = memoryFs();
    const text = (path: string) => new TextDecoder().decode(fs.readFile(path));
    expect(() => fs.appendFile("logs/f", bytes("1"))).toThrow("logs; No such file or directory");
    fs.makeDirs("logs");
    expect(() => fs.appendFile("logs", bytes("1"))).toThrow(FailedPreconditionError);
    expect(() => fs.appendFile("logs", bytes("1"))).toThrow("logs; Is a directory");
    const chunk = bytes("ab");
    fs.appendFile("logs/f", chunk);
    chunk[0] = 0;
    expect(text("logs/f")).toBe("ab");
    let expected = "ab";
    for (let i = 0; i < 100; i++) {
      fs.appendFile("/logs/f", bytes(String(i)));
      expected += String(i);
    }
    fs.appendFile("logs/f", new Uint8Array(0));
    expect(text("logs/f")).toBe(expected);
    expect(fs.files().get("/logs/f")?.length).toBe(expected.length);
    fs.rename("logs/f", "logs/g");
    fs.appendFile("logs/g", bytes("!"));
    expect(text("logs/g")).toBe(`${expected}!`);
    fs.writeFileAtomic("logs/g", bytes("new"));
    fs.appendFile("logs/g", bytes("+"));
    expect(text("logs/g")).toBe("new+");
  });
});
