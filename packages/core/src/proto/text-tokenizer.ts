// google/protobuf/io/tokenizer.cc and text_format.cc (ParserImpl): the tokens of protobuf's text format.
import { DataLossError } from "../errors";

export type TokenKind = "ident" | "number" | "string" | "symbol" | "eof";

export interface Token {
  kind: TokenKind;
  text: string;
  /** Decoded bytes of a string token (C escapes applied). */
  bytes?: Uint8Array;
  line: number;
  column: number;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  n: 10,
  t: 9,
  r: 13,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  "\\": 92,
  "'": 39,
  '"': 34,
  "?": 63,
};

export class TextTokenizer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private lookahead: Token | null = null;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly text: string,
    private readonly what: string,
  ) {}

  fail(message: string, token?: Token): never {
    const line = token?.line ?? this.line;
    const column = token?.column ?? this.pos - this.lineStart + 1;
    // text_format.cc: ParserImpl::ReportError "<line>:<column>: <message>"
    throw new DataLossError(`Unable to parse ${this.what}: ${line}:${column}: ${message}`);
  }

  peek(): Token {
    if (!this.lookahead) this.lookahead = this.scan();
    return this.lookahead;
  }

  next(): Token {
    const token = this.peek();
    this.lookahead = null;
    return token;
  }

  /** Consumes the symbol `symbol` if it comes next. */
  accept(symbol: string): boolean {
    const token = this.peek();
    if (token.kind === "symbol" && token.text === symbol) {
      this.lookahead = null;
      return true;
    }
    return false;
  }

  expect(symbol: string): void {
    const token = this.next();
    if (token.kind !== "symbol" || token.text !== symbol)
      this.fail(`Expected "${symbol}", found "${token.text}".`, token);
  }

  private skipSpaceAndComments(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === "\n") {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
        this.pos++;
      } else if (c === "#") {
        while (this.pos < text.length && text[this.pos] !== "\n") this.pos++;
      } else {
        return;
      }
    }
  }

  private scan(): Token {
    this.skipSpaceAndComments();
    const text = this.text;
    const start = this.pos;
    const at = { line: this.line, column: start - this.lineStart + 1 };
    if (start >= text.length) return { kind: "eof", text: "", ...at };
    const c = text[start];
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(start, start + 256));
      const ident = m ? m[0] : c;
      this.pos += ident.length;
      return { kind: "ident", text: ident, ...at };
    }
    if (/[0-9.]/.test(c) && /^\.?[0-9]/.test(text.slice(start, start + 2))) {
      const m = /^(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?[fF]?)/.exec(
        text.slice(start, start + 512),
      );
      const number = m ? m[0] : c;
      this.pos += number.length;
      return { kind: "number", text: number, ...at };
    }
    if (c === '"' || c === "'") return this.scanString(c, at);
    this.pos++;
    return { kind: "symbol", text: c, ...at };
  }

  private scanString(quote: string, at: { line: number; column: number }): Token {
    const text = this.text;
    const bytes: number[] = [];
    let i = this.pos + 1;
    for (;;) {
      if (i >= text.length || text[i] === "\n") this.fail('Multiline strings are not allowed. Did you miss a "?');
      const c = text[i];
      if (c === quote) break;
      if (c === "\\") {
        const e = text[i + 1];
        if (e === undefined) this.fail("Unterminated string escape.");
        if (e in SIMPLE_ESCAPES) {
          bytes.push(SIMPLE_ESCAPES[e]);
          i += 2;
        } else if (/[0-7]/.test(e)) {
          const m = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4)) as RegExpExecArray;
          bytes.push(Number.parseInt(m[0], 8) & 0xff);
          i += 1 + m[0].length;
        } else if (e === "x" || e === "X") {
          const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2, i + 4));
          if (!m) this.fail("Expected hex digits for escape sequence.");
          bytes.push(Number.parseInt(m[0], 16));
          i += 2 + m[0].length;
        } else {
          this.fail(`Invalid escape sequence in string literal: \\${e}`);
        }
      } else {
        const cp = text.codePointAt(i) as number;
        const ch = String.fromCodePoint(cp);
        for (const b of this.encoder.encode(ch)) bytes.push(b);
        i += ch.length;
      }
    }
    const raw = text.slice(this.pos, i + 1);
    this.pos = i + 1;
    return { kind: "string", text: raw, bytes: Uint8Array.from(bytes), ...at };
  }
}
