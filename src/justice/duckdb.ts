// An in-memory DuckDB database for one piece of work, through DuckDB's native bindings: the package
// @duckdb/node-api is built on. Loading the bindings takes milliseconds where the wrapper's hundreds
// of files take a good part of a second, and counting cases needs nothing of the wrapper but
// statements and answers. Every answer comes back as one JSON text made by DuckDB (to_json), so the
// only vector ever read here is a single VARCHAR.
import duckdb from '@duckdb/node-bindings';

export interface DuckDb {
  /** Runs one or more statements. */
  run(sql: string): Promise<void>;
  /** The rows of a query, as DuckDB's to_json writes them (integers as numbers, dates as ISO text). */
  rows<T>(sql: string): Promise<T[]>;
  close(): void;
}

/** Opens an in-memory database with the given settings (DuckDB configuration options, e.g. memory_limit). */
export async function openDuckDb(settings: Record<string, string>): Promise<DuckDb> {
  const config = duckdb.create_config();
  for (const [name, value] of Object.entries(settings)) duckdb.set_config(config, name, value);
  const database = await duckdb.open(':memory:', config);
  const connection = await duckdb.connect(database);
  return {
    async run(sql) {
      await duckdb.query(connection, sql);
    },
    async rows<T>(sql: string) {
      const result = await duckdb.query(connection, `select coalesce(to_json(list(t)), '[]')::varchar from (${sql}) t`);
      const chunk = await duckdb.fetch_chunk(result);
      return JSON.parse(chunk ? firstVarchar(chunk) : '[]') as T[];
    },
    close() {
      duckdb.disconnect_sync(connection);
      duckdb.close_sync(database);
    },
  };
}

const decoder = new TextDecoder();

/** The VARCHAR in the first row of the first column: a 16-byte string_t, inlined up to 12 bytes. */
function firstVarchar(chunk: duckdb.DataChunk): string {
  const vector = duckdb.data_chunk_get_vector(chunk, 0);
  const data = duckdb.vector_get_data(vector, 16);
  const length = new DataView(data.buffer, data.byteOffset, 16).getUint32(0, true);
  const bytes =
    length <= 12
      ? new Uint8Array(data.buffer, data.byteOffset + 4, length)
      : duckdb.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + 8, length);
  return decoder.decode(bytes);
}
