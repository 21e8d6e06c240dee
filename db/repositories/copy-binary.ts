import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransactionSql } from 'postgres';

/*
 * COPY FROM in its binary format, for bytes the driver would otherwise send and read as hex
 * text: a bytea of 32 KB became a 64 KB string in V8's heap, on top of the bytes, for every value.
 * A row is its fields, each the column's binary form: bytes as they are for bytea and text,
 * big-endian integers, one byte for a boolean.
 */

export type Field = Buffer;

export const int4 = (value: number): Field => {
  const bytes = Buffer.allocUnsafe(4);
  bytes.writeInt32BE(value);
  return bytes;
};

export const int8 = (value: number): Field => {
  const bytes = Buffer.allocUnsafe(8);
  bytes.writeBigInt64BE(BigInt(value));
  return bytes;
};

export const bool = (value: boolean): Field => Buffer.of(value ? 1 : 0);

export const text = (value: string): Field => Buffer.from(value, 'utf8');

/** A typed array's bytes, as they are in memory (this machine's byte order), without a copy. */
export const bytesOf = (values: ArrayBufferView): Field => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

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

/** The signature, no flags, and no header extension. */
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
