// google/protobuf/text_format.cc (Parser, Printer) as TF reads and writes .pbtxt, driven by the message descriptors.
// Unknown fields are skipped on read, as TF's parser is told to (allow_unknown_field in tf.io / graph loaders).
import { DataLossError } from "../errors";
import { concatBytes } from "../io/bytes";
import { fromPlain, type Plain, toPlain } from "./convert";
import {
  type EnumDesc,
  enumName,
  enumNumber,
  type FieldDesc,
  fieldEnum,
  fieldMessage,
  fieldNamed,
  isMap,
  isRepeated,
  type MessageDesc,
  type MessageName,
  mapKeyName,
  messageType,
  scalarName,
} from "./root";
import { TextTokenizer, type Token } from "./text-tokenizer";

type Raw = Record<string, unknown>;
const MAX_DEPTH = 100; // io::CodedInputStream's default recursion limit

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};

class TextParser {
  private depth = 0;
  constructor(private readonly tokens: TextTokenizer) {}

  parseMessage(type: MessageDesc, end: string | null): Raw {
    const raw: Raw = {};
    if (++this.depth > MAX_DEPTH) this.tokens.fail("Message is too deep.");
    for (;;) {
      const token = this.tokens.peek();
      if (end === null && token.kind === "eof") break;
      if (end !== null && this.tokens.accept(end)) break;
      if (token.kind === "eof") this.tokens.fail(`Expected "${end}".`, token);
      if (this.tokens.accept("[")) {
        this.skipBracketedName();
        this.skipFieldValue();
      } else {
        const name = this.tokens.next();
        if (name.kind !== "ident") this.tokens.fail(`Expected identifier, found "${name.text}".`, name);
        const field = fieldNamed(type, name.text);
        if (field) this.parseField(field, raw);
        else this.skipFieldValue();
      }
      if (!this.tokens.accept(",")) this.tokens.accept(";");
    }
    this.depth--;
    return raw;
  }

  private parseField(field: FieldDesc, raw: Raw): void {
    const isMessage = isMap(field) || fieldMessage(field) !== undefined;
    if (isMessage) this.tokens.accept(":");
    else this.tokens.expect(":");
    const store = (value: unknown) => {
      if (isMap(field)) {
        const [k, v] = value as [string, unknown];
        Object.defineProperty((raw[field.name] ??= {}) as Raw, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else if (isRepeated(field)) {
        ((raw[field.name] ??= []) as unknown[]).push(value);
      } else {
        if (field.oneof) for (const other of field.oneof.fields) delete raw[other.name];
        raw[field.name] = value;
      }
    };
    const one = () => (isMap(field) ? this.parseMapEntry(field) : this.parseValue(field));
    if (isRepeated(field) || isMap(field)) {
      if (this.tokens.accept("[")) {
        if (this.tokens.accept("]")) return;
        do store(one());
        while (this.tokens.accept(","));
        this.tokens.expect("]");
        return;
      }
    }
    store(one());
  }

  private openBlock(): string {
    if (this.tokens.accept("{")) return "}";
    if (this.tokens.accept("<")) return ">";
    const token = this.tokens.next();
    return this.tokens.fail(`Expected "{", found "${token.text}".`, token);
  }

  private parseMapEntry(field: FieldDesc): [string, unknown] {
    const end = this.openBlock();
    const keyType = mapKeyName(field);
    let key: unknown = keyType === "string" ? "" : 0;
    let value: unknown;
    while (!this.tokens.accept(end)) {
      const name = this.tokens.next();
      if (name.text === "key") {
        this.tokens.expect(":");
        key = this.parseScalar({ type: keyType, name: "key" });
      } else if (name.text === "value") {
        value = this.parseValue(field);
      } else if (name.kind === "ident") {
        this.skipFieldValue();
      } else {
        this.tokens.fail(`Expected identifier, found "${name.text}".`, name);
      }
      if (!this.tokens.accept(",")) this.tokens.accept(";");
    }
    if (value === undefined) value = fieldMessage(field) ? {} : fieldEnum(field) ? 0 : defaultScalar(scalarName(field));
    return [String(key), value];
  }

  /** A value of `field` after its name (and colon): a block for messages, else a scalar. */
  private parseValue(field: FieldDesc): unknown {
    const messageType = fieldMessage(field);
    if (messageType) {
      this.tokens.accept(":");
      const end = this.openBlock();
      return this.parseMessage(messageType, end);
    }
    if (isMap(field)) this.tokens.expect(":");
    return this.parseScalar(scalarField(field));
  }

  private parseScalar(field: ScalarField): unknown {
    const tokens = this.tokens;
    if (field.type === "string" || field.type === "bytes") {
      const first = tokens.next();
      if (first.kind !== "string") tokens.fail(`Expected string, found "${first.text}".`, first);
      const parts = [first.bytes as Uint8Array];
      while (tokens.peek().kind === "string") parts.push(tokens.next().bytes as Uint8Array);
      const bytes = parts.length === 1 ? parts[0] : concatBytes(parts);
      return field.type === "bytes" ? bytes : new TextDecoder().decode(bytes);
    }
    const negative = tokens.accept("-");
    const token = tokens.next();
    if (field.enumType) {
      if (token.kind === "ident" && !negative) {
        const number = enumNumber(field.enumType, token.text);
        if (number === undefined) {
          tokens.fail(`Unknown enumeration value of "${token.text}" for field "${field.name}".`, token);
        }
        return number;
      }
      if (token.kind === "number") return Number(this.integer(token, negative, "int32"));
      return tokens.fail(`Expected integer or identifier, found "${token.text}".`, token);
    }
    if (field.type === "bool") {
      if (!negative && token.kind === "ident" && /^(true|t|True)$/.test(token.text)) return true;
      if (!negative && token.kind === "ident" && /^(false|f|False)$/.test(token.text)) return false;
      if (!negative && token.kind === "number" && (token.text === "0" || token.text === "1")) return token.text === "1";
      return tokens.fail(`Invalid value for boolean field "${field.name}". Value: "${token.text}".`, token);
    }
    if (field.type === "float" || field.type === "double") {
      let value: number;
      if (token.kind === "number") {
        value = /^0[xX]/.test(token.text)
          ? Number.parseInt(token.text, 16)
          : Number.parseFloat(token.text.replace(/[fF]$/, ""));
      } else if (token.kind === "ident" && /^(inf|infinity)$/i.test(token.text)) {
        value = Number.POSITIVE_INFINITY;
      } else if (token.kind === "ident" && /^nan$/i.test(token.text)) {
        value = Number.NaN;
      } else {
        return tokens.fail(`Expected double, found "${token.text}".`, token);
      }
      value = negative ? -value : value;
      return field.type === "float" ? Math.fround(value) : value;
    }
    if (token.kind !== "number") return tokens.fail(`Expected integer, found "${token.text}".`, token);
    const big = this.integer(token, negative, field.type);
    return Number.isSafeInteger(Number(big)) ? Number(big) : big;
  }

  private integer(token: Token, negative: boolean, type: string): bigint {
    const text = token.text;
    let value: bigint;
    if (/^0[xX][0-9a-fA-F]+$/.test(text)) value = BigInt(text);
    else if (/^0[0-7]+$/.test(text)) value = BigInt(`0o${text.slice(1)}`);
    else if (/^[0-9]+$/.test(text)) value = BigInt(text);
    else return this.tokens.fail(`Expected integer, found "${text}".`, token);
    if (negative) value = -value;
    const range = INT_RANGES[type] ?? INT_RANGES.int64;
    if (value < range[0] || value > range[1]) {
      this.tokens.fail(`Integer out of range (${negative ? "-" : ""}${text})`, token);
    }
    return value;
  }

  private skipBracketedName(): void {
    for (;;) {
      const token = this.tokens.next();
      if (token.kind === "eof") this.tokens.fail('Expected "]".', token);
      if (token.kind === "symbol" && token.text === "]") return;
    }
  }

  /** TextFormat::Parser::ParserImpl::SkipField: the value of a field this schema does not know. */
  private skipFieldValue(): void {
    if (this.tokens.accept(":")) {
      if (this.tokens.accept("[")) {
        if (this.tokens.accept("]")) return;
        do {
          const p = this.tokens.peek();
          if (p.kind === "symbol" && (p.text === "{" || p.text === "<")) this.skipBlock();
          else this.skipScalar();
        } while (this.tokens.accept(","));
        this.tokens.expect("]");
        return;
      }
      const p = this.tokens.peek();
      if (p.kind === "symbol" && (p.text === "{" || p.text === "<")) this.skipBlock();
      else this.skipScalar();
      return;
    }
    if (this.tokens.accept("[")) {
      if (this.tokens.accept("]")) return;
      do this.skipBlock();
      while (this.tokens.accept(","));
      this.tokens.expect("]");
      return;
    }
    this.skipBlock();
  }

  private skipScalar(): void {
    const token = this.tokens.next();
    if (token.kind === "string") {
      while (this.tokens.peek().kind === "string") this.tokens.next();
      return;
    }
    const value = token.kind === "symbol" && token.text === "-" ? this.tokens.next() : token;
    if (value.kind !== "ident" && value.kind !== "number")
      this.tokens.fail(`Expected value, found "${value.text}".`, value);
  }

  private skipBlock(): void {
    const end = this.openBlock();
    if (++this.depth > MAX_DEPTH) this.tokens.fail("Message is too deep.");
    while (!this.tokens.accept(end)) {
      if (this.tokens.accept("[")) this.skipBracketedName();
      else {
        const name = this.tokens.next();
        if (name.kind !== "ident") this.tokens.fail(`Expected identifier, found "${name.text}".`, name);
      }
      this.skipFieldValue();
      if (!this.tokens.accept(",")) this.tokens.accept(";");
    }
    this.depth--;
  }
}

/** What the scalar parser and printer need of a field (or of a map entry's key). */
interface ScalarField {
  /** The scalar type name (`int64`, `string`, ...); "" for an enum. */
  type: string;
  enumType?: EnumDesc;
  name: string;
}

const scalarField = (field: FieldDesc): ScalarField => ({
  type: scalarName(field),
  enumType: fieldEnum(field),
  name: field.name,
});

function defaultScalar(type: string): unknown {
  if (type === "string") return "";
  if (type === "bytes") return new Uint8Array(0);
  if (type === "bool") return false;
  return 0;
}

/** Parses protobuf text format into a plain message object; a syntax error throws DataLossError with line and column. */
export function parseTextMessage<T = Plain>(name: MessageName, text: string, source = "<text>"): T {
  const type = messageType(name);
  const parser = new TextParser(new TextTokenizer(text, `${name} from ${source}`));
  try {
    return toPlain(type, parser.parseMessage(type, null)) as T;
  } catch (err) {
    if (DataLossError.isInstance(err)) throw err;
    throw new DataLossError(`Unable to parse ${name} from ${source}: ${(err as Error).message}`);
  }
}

// ---- printer (text_format.cc: Printer, with Python's float spelling, as tf.io.write_graph writes) ----

/** CEscape: printable ASCII as is, `\n \r \t \" \' \\` escaped, every other byte as three octal digits. */
export function cEscape(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    if (b === 10) out += "\\n";
    else if (b === 13) out += "\\r";
    else if (b === 9) out += "\\t";
    else if (b === 34) out += '\\"';
    else if (b === 39) out += "\\'";
    else if (b === 92) out += "\\\\";
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, "0")}`;
    else out += String.fromCharCode(b);
  }
  return out;
}

/** Python's repr of a float: shortest round-trip digits, `.0` on integral values, exponent form outside [1e-4, 1e16). */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = value.toExponential().split("e");
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    // JS prints fixed notation for exponents in [-6, 21), so this range never comes out in exponent form.
    const text = String(value);
    return text.includes(".") ? text : `${text}.0`;
  }
  const sign = exp < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
}

function printScalar(field: ScalarField, value: unknown): string {
  if (field.enumType) return enumName(field.enumType, value as number) ?? String(value);
  switch (field.type) {
    case "string":
      return `"${cEscape(new TextEncoder().encode(value as string))}"`;
    case "bytes":
      return `"${cEscape(value as Uint8Array)}"`;
    case "bool":
      return value ? "true" : "false";
    case "float":
    case "double":
      return formatDouble(value as number);
    default:
      return String(value);
  }
}

function printMessage(type: MessageDesc, raw: Raw, indent: string, lines: string[]): void {
  const fields = [...type.fields].sort((a, b) => a.number - b.number);
  for (const field of fields) {
    const value = Object.hasOwn(raw, field.name) ? raw[field.name] : undefined;
    if (value === undefined) continue;
    const messageType = fieldMessage(field);
    const emit = (v: unknown) => {
      if (messageType) {
        lines.push(`${indent}${field.name} {`);
        printMessage(messageType, v as Raw, `${indent}  `, lines);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}${field.name}: ${printScalar(scalarField(field), v)}`);
      }
    };
    if (isMap(field)) {
      const keyType = mapKeyName(field);
      const entries = Object.entries(value as Raw).sort(([a], [b]) =>
        keyType === "string" ? (a < b ? -1 : a > b ? 1 : 0) : Number(a) - Number(b),
      );
      const keyField: ScalarField = { type: keyType, name: "key" };
      for (const [k, v] of entries) {
        lines.push(`${indent}${field.name} {`);
        // A map entry is a proto3 message: its default key and scalar value are not printed.
        if (k !== "" && k !== "0" && k !== "false") {
          lines.push(`${indent}  key: ${printScalar(keyField, keyField.type === "string" ? k : Number(k))}`);
        }
        if (messageType) {
          lines.push(`${indent}  value {`);
          printMessage(messageType, v as Raw, `${indent}    `, lines);
          lines.push(`${indent}  }`);
        } else if (!(v === "" || v === 0 || v === false || (v instanceof Uint8Array && v.length === 0))) {
          lines.push(`${indent}  value: ${printScalar(scalarField(field), v)}`);
        }
        lines.push(`${indent}}`);
      }
    } else if (isRepeated(field)) {
      for (const v of value as unknown[]) emit(v);
    } else {
      emit(value);
    }
  }
}

/** Prints a plain message object in protobuf text format, as TF's text writers (`as_text=True`) lay it out. */
export function printTextMessage(name: MessageName, value: object): string {
  const type = messageType(name);
  const lines: string[] = [];
  printMessage(type, fromPlain(type, value as Plain), "", lines);
  return lines.length ? `${lines.join("\n")}\n` : "";
}
