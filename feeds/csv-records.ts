import Papa from 'papaparse';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Why the records of a file end before the file does: past this point nothing can be trusted. */
export interface CsvUnreadable {
  code: 'quote-not-closed' | 'record-too-long';
  message: string;
}

type RecordDelimiter = '\n' | '\r' | '\r\n';

interface Parsed {
  records: string[][];
  /** The start of a record the text ends inside of, still to be completed by the next chunk. */
  rest: string;
  /** At the end of the file: a quoted value that never closes, swallowing the rest. */
  unclosed: boolean;
}

/**
 * The records of a CSV stream, read as the feed import has always read them (csv-parse's reading with
 * `bom`, `relax_column_count` and `relax_quotes`, its parser before Papa Parse, which is faster).
 * Papa Parse reads each piece of text and reads well-formed quoting the same way; a piece with a
 * malformed quoted value (Papa Parse glues the lines after it into one value, or drops the spaces
 * after its closing quote) is read again by `readRelaxed`, so such a value still spoils only its own row.
 *
 * Records come in runs, those of a piece of text of at most PIECE_CHARS: a run is consumed in a
 * synchronous loop (no promise per record), and few records are alive at once, so they die in V8's
 * young generation instead of piling up as old garbage. Chunks are taken from the source only as runs
 * are asked for, so nothing is read far ahead of the consumer. A record longer than `maxRecordLength`
 * (a quote that never closes, most likely) or a quote left open at the end ends the records:
 * `onUnreadable` is told, after every record before it.
 */
export async function* csvRecords(source: Readable, maxRecordLength: number, onUnreadable: (error: CsvUnreadable) => void): AsyncGenerator<string[][]> {
  const text = new TextFromBytes();
  let newline: RecordDelimiter | null = null;
  let pending = '';
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    const decoded = text.decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    for (let at = 0; at < decoded.length; at += PIECE_CHARS) {
      const input = pending + decoded.slice(at, at + PIECE_CHARS);
      newline ??= firstRecordDelimiter(input, false);
      const parsed = newline ? parse(input, newline, false) : { records: [], rest: input, unclosed: false };
      // Only text longer than the limit can hold a whole record longer than it.
      const tooLong = input.length > maxRecordLength ? parsed.records.findIndex((record) => contentLength(record) > maxRecordLength) : -1;
      const records = tooLong === -1 ? parsed.records : parsed.records.slice(0, tooLong);
      if (records.length > 0) yield records;
      if (tooLong !== -1 || parsed.rest.length > maxRecordLength) {
        onUnreadable({ code: 'record-too-long', message: `a record runs past ${maxRecordLength} characters` });
        return;
      }
      pending = parsed.rest;
    }
  }
  const input = pending + text.end();
  // A file without a line break is one record, whichever delimiter it is read with.
  const parsed = parse(input, newline ?? firstRecordDelimiter(input, true) ?? '\n', true);
  if (parsed.records.length > 0) yield parsed.records;
  if (parsed.unclosed) onUnreadable({ code: 'quote-not-closed', message: 'a quoted value is never closed' });
}

/** Characters of text parsed at a time: some 200 records of a typical feed. */
const PIECE_CHARS = 16 * 1024;

function parse(input: string, newline: RecordDelimiter, final: boolean): Parsed {
  const result = new Papa.Parser({ delimiter: ',', newline, quoteChar: '"' }).parse(input, 0, !final) as Papa.ParseResult<string[]>;
  if (result.errors.length > 0 || spacesAfterClosingQuote(newline).test(input)) return readRelaxed(input, newline, final);
  return { records: result.data, rest: final ? '' : input.slice(result.meta.cursor), unclosed: false };
}

const spacePatterns = new Map<string, RegExp>();
/**
 * Papa Parse drops white space between a closing quote and the comma or line end (and reports no
 * error); the relaxed reading keeps it, quote and all. A closing quote so followed sends the chunk to
 * `readRelaxed` (as does an opening quote followed by spaces and a comma, harmlessly).
 */
function spacesAfterClosingQuote(newline: string): RegExp {
  let pattern = spacePatterns.get(newline);
  if (!pattern) {
    const eol = JSON.stringify(newline).slice(1, -1);
    pattern = new RegExp(`"(?:(?!${eol})\\s)+(?:,|${eol})`);
    spacePatterns.set(newline, pattern);
  }
  return pattern;
}

/**
 * The relaxed reading: a quote opens a quoted value only at the start of a value; in it, two quotes
 * are one, and any other quote closes it; when something other than a comma or the line end follows
 * the closing quote, the value is taken as it stands, its opening and closing quotes kept.
 */
function readRelaxed(input: string, newline: string, final: boolean): Parsed {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoting = false;
  let recordStart = 0;
  let i = 0;
  while (i < input.length) {
    const char = input[i]!;
    if (quoting) {
      if (char !== '"') field += char;
      else if (input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (i + 1 === input.length && !final)
        break; // what follows the quote is in the next chunk
      else {
        quoting = false;
        const next = input[i + 1];
        if (next !== undefined && next !== ',' && !input.startsWith(newline, i + 1)) field = `"${field}"`;
      }
      i++;
      continue;
    }
    if (char === '"' && field.length === 0) {
      quoting = true;
      i++;
      continue;
    }
    if (char === ',') {
      record.push(field);
      field = '';
    } else if (input.startsWith(newline, i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += newline.length;
      recordStart = i;
      continue;
    } else field += char;
    i++;
  }
  if (!final) return { records, rest: input.slice(recordStart), unclosed: false };
  if (quoting) return { records, rest: '', unclosed: true };
  if (recordStart < input.length) records.push([...record, field]);
  return { records, rest: '', unclosed: false };
}

/**
 * The record delimiter: the first line ending outside a quoted value, `\r\n` before `\r`. Null while
 * the text does not yet tell.
 */
function firstRecordDelimiter(input: string, final: boolean): RecordDelimiter | null {
  let quoting = false;
  let atValueStart = true;
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quoting) {
      if (char === '"') {
        if (input[i + 1] === '"') i++;
        else quoting = false;
      }
      continue;
    }
    if (char === '\n') return '\n';
    if (char === '\r') {
      if (i + 1 === input.length) return final ? '\r' : null;
      return input[i + 1] === '\n' ? '\r\n' : '\r';
    }
    if (char === '"' && atValueStart) quoting = true;
    atValueStart = char === ',';
  }
  return null;
}

function contentLength(record: string[]): number {
  let length = 0;
  for (const field of record) length += field.length;
  return length;
}

/**
 * Decodes the file's bytes: UTF-8, or UTF-16LE when its byte-order mark says so, the mark dropped.
 * Characters split between chunks are joined.
 */
class TextFromBytes {
  private head: Buffer | null = Buffer.alloc(0);
  private decoder: StringDecoder | null = null;

  decode(bytes: Buffer): string {
    if (this.decoder) return this.decoder.write(bytes);
    this.head = Buffer.concat([this.head!, bytes]);
    return this.head.length < 3 ? '' : this.start(this.head);
  }

  end(): string {
    return (this.decoder ? '' : this.start(this.head!)) + this.decoder!.end();
  }

  private start(head: Buffer): string {
    this.head = null;
    const utf8 = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    const utf16 = head.length >= 3 && head[0] === 0xff && head[1] === 0xfe;
    this.decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8');
    return this.decoder.write(head.subarray(utf8 ? 3 : utf16 ? 2 : 0));
  }
}
