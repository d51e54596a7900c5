// Runs one query on a DuckDB database file and prints the result as BigQuery's REST API shapes it
// (schema fields, every value as text): the host's BigQuery emulation calls it synchronously.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const TYPES = {
  INTEGER: 'INTEGER',
  BIGINT: 'INTEGER',
  HUGEINT: 'INTEGER',
  DOUBLE: 'FLOAT',
  FLOAT: 'FLOAT',
  VARCHAR: 'STRING',
  TIMESTAMP: 'DATETIME',
  BOOLEAN: 'BOOLEAN',
};
const sql = readFileSync(0, 'utf8');
const instance = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY', threads: '1' });
const connection = await instance.connect();
try {
  const reader = await connection.runAndReadAll(sql);
  const types = reader.columnTypes().map((t) => TYPES[String(t)] ?? 'STRING');
  const fields = reader.columnNames().map((name, i) => ({ name, type: types[i], mode: 'NULLABLE' }));
  const text = (v, type) =>
    v === null
      ? null
      : type === 'DATETIME'
        ? v
            .toISOString()
            .replace('Z', '')
            .replace(/\.000$/, '')
        : String(v);
  const rows = reader.getRowsJS().map((row) => ({ f: row.map((v, i) => ({ v: text(v, types[i]) })) }));
  process.stdout.write(JSON.stringify({ fields, rows }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error.message ?? error) }));
} finally {
  connection.closeSync();
  instance.closeSync();
}
