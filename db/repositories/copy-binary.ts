import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { Sql, TransactionSql } from 'postgres';

/*
 * COPY in its binary format, both ways, for bytes the driver would otherwise send and read as hex
 * text: a bytea of 32 KB became a 64 KB string in V8's heap, on top of the bytes, for every value.
 * A row is its fields, each the column's binary form: bytes as they are for bytea and text,
 * big-endian integers, one byte for a boolean.
 */

/** A field's bytes; null for SQL null. */
export type Field = Buffer | null;

export const int4 = (value: number): Buffer => {
  const bytes = Buffer.allocUnsafe(4);
  bytes.writeInt32BE(value);
  return bytes;
};

export const int8 = (value: number): Buffer => {
  const bytes = Buffer.allocUnsafe(8);
  bytes.writeBigInt64BE(BigInt(value));
  return bytes;
};

export const bool = (value: boolean): Buffer => Buffer.of(value ? 1 : 0);

export const text = (value: string): Buffer => Buffer.from(value, 'utf8');

/** A typed array's bytes, as they are in memory (this machine's byte order), without a copy. */
export const bytesOf = (values: ArrayBufferView): Buffer => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

/**
 * COPYs the rows into `table` (its `columns`, in order), within `tx`. The rows are taken as the
 * socket takes them, so a large COPY is never whole in memory; a row's fields are sent as they are,
 * not copied into one buffer.
 */
export async function copyRowsInto(tx: TransactionSql, table: string, columns: readonly string[], rows: Iterable<readonly Field[]>): Promise<void> {
  await pipeline(Readable.from(encoded(rows)), await tx`copy ${tx(table)} (${tx(columns as string[])}) from stdin (format binary)`.writable());
}

/** The COPY's bytes in pieces of about PIECE_BYTES: small fields are gathered, large ones sent as they are. */
function* encoded(rows: Iterable<readonly Field[]>): Generator<Buffer> {
  const out = new Piece();
  out.write(HEADER);
  for (const row of rows) {
    if (!out.fits(2)) yield out.take();
    out.int16(row.length);
    for (const field of row) {
      if (field === null) {
        if (!out.fits(4)) yield out.take();
        out.int32(-1);
        continue;
      }
      const large = field.length >= LARGE_FIELD;
      if (!out.fits(4 + (large ? 0 : field.length))) yield out.take();
      out.int32(field.length);
      if (!large) out.write(field);
      else {
        yield out.take();
        yield field;
      }
    }
  }
  if (!out.fits(TRAILER.length)) yield out.take();
  out.write(TRAILER);
  yield out.take();
}

const PIECE_BYTES = 64 * 1024;
const LARGE_FIELD = 8 * 1024;

/** The piece being filled. */
class Piece {
  private bytes = Buffer.allocUnsafe(PIECE_BYTES);
  private at = 0;

  fits(length: number): boolean {
    return this.at + length <= PIECE_BYTES;
  }

  int16(value: number): void {
    this.at = this.bytes.writeInt16BE(value, this.at);
  }

  int32(value: number): void {
    this.at = this.bytes.writeInt32BE(value, this.at);
  }

  write(bytes: Buffer): void {
    this.at += bytes.copy(this.bytes, this.at);
  }

  /** What was filled; a new piece is started (the socket may still hold the old one). */
  take(): Buffer {
    const filled = this.bytes.subarray(0, this.at);
    this.bytes = Buffer.allocUnsafe(PIECE_BYTES);
    this.at = 0;
    return filled;
  }
}

/**
 * The rows of a query, read by COPY in its binary format and given to `row` one by one, each as its
 * fields' bytes (null for SQL null): views into what the socket delivered, valid only during the call.
 * COPY takes no parameters: values go into the query as `literal`s.
 */
export async function copyRowsOut(sql: Sql, query: string, row: (fields: Array<Buffer | null>) => void): Promise<void> {
  const source = await sql.unsafe(`copy (${query}) to stdout (format binary)`).readable();
  let pending: Buffer = Buffer.alloc(0);
  let at = -1;
  source.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    if (at < 0) {
      // The signature, the flags and the length of the header extension, then the extension.
      if (pending.length < HEADER.length) return;
      at = HEADER.length + pending.readInt32BE(HEADER.length - 4);
    }
    for (let next = rowAt(pending, at); next !== null && next !== 'end'; next = rowAt(pending, at)) {
      at = next.end;
      row(next.fields);
    }
    // Kept whole while the header's extension is still coming.
    if (at <= pending.length) {
      pending = pending.subarray(at);
      at = 0;
    }
  });
  await finished(source);
  // postgres.js pauses its socket when a COPY's stream is full and resumes it when the stream is read
  // again; a COPY that also ended within that read of the socket (one small enough to come whole, from
  // 16 to 64 KB) is never read again, and its connection hung on its next query (porsager/postgres#499).
  // Reading the stream resumes the socket; once the COPY has ended, so does reading it anyway.
  source._read(0);
}

/** The row that starts at `at`, if all of it is in `bytes`; 'end' at the trailer. */
function rowAt(bytes: Buffer, at: number): { fields: Array<Buffer | null>; end: number } | 'end' | null {
  if (bytes.length < at + 2) return null;
  const count = bytes.readInt16BE(at);
  if (count === -1) return 'end';
  const fields: Array<Buffer | null> = [];
  let next = at + 2;
  for (let i = 0; i < count; i++) {
    if (bytes.length < next + 4) return null;
    const length = bytes.readInt32BE(next);
    next += 4;
    if (length === -1) fields.push(null);
    else {
      if (bytes.length < next + length) return null;
      fields.push(bytes.subarray(next, next + length));
      next += length;
    }
  }
  return { fields, end: next };
}

/** A string as an SQL literal, for a query COPY reads (an escape string: right whatever standard_conforming_strings says). */
export const literal = (value: string): string => `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The signature, no flags, and no header extension. */
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
