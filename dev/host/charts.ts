// The Charts service (RULES.md 37): a data table, a chart built from it, and the chart as a real PNG
// image (a plain column rendering: the pixels are ours, the file is a valid PNG any reader opens).
import { deflateSync } from 'node:zlib';
import { counted, type CallLog } from './calls';

/** A blob as Apps Script hands it around: bytes, a content type, a name. */
export class HostBlob {
  constructor(
    private readonly bytes: Uint8Array,
    private contentType: string,
    private name: string | null = null,
  ) {}
  getBytes() {
    return Array.from(this.bytes, (b) => (b > 127 ? b - 256 : b));
  }
  getContentType() {
    return this.contentType;
  }
  setContentType(type: string) {
    this.contentType = type;
    return this;
  }
  getName() {
    return this.name;
  }
  setName(name: string) {
    this.name = name;
    return this;
  }
  copyBlob() {
    return new HostBlob(this.bytes.slice(), this.contentType, this.name);
  }
  getBlob() {
    return this;
  }
  /** Host only: the raw bytes. */
  raw() {
    return this.bytes;
  }
}

const COLUMN_TYPES = { STRING: 'string', NUMBER: 'number', DATE: 'date' } as const;

class DataTableBuilder {
  private columns: { type: string; label: string }[] = [];
  private rows: unknown[][] = [];
  addColumn(type: string, label: string) {
    if (!Object.values(COLUMN_TYPES).includes(type as never)) throw new Error(`Invalid column type: ${type}`);
    this.columns.push({ type, label });
    return this;
  }
  addRow(values: unknown[]) {
    if (values.length !== this.columns.length)
      throw new Error(`Row has ${values.length} values, the table has ${this.columns.length} columns.`);
    values.forEach((v, i) => {
      const type = this.columns[i].type;
      if (v !== null && (type === 'number' ? typeof v !== 'number' : type === 'string' ? typeof v !== 'string' : false))
        throw new Error(`Value ${String(v)} does not match the column type ${type}.`);
    });
    this.rows.push([...values]);
    return this;
  }
  build() {
    return {
      columns: [...this.columns],
      rows: this.rows.map((r) => [...r]),
      getNumberOfRows: () => this.rows.length,
      getNumberOfColumns: () => this.columns.length,
    };
  }
}

type DataTable = ReturnType<DataTableBuilder['build']>;

class ChartBuilder {
  private table: DataTable | null = null;
  private title = '';
  private width = 600;
  private height = 400;
  constructor(readonly type: string) {}
  setDataTable(table: DataTable | { build(): DataTable }) {
    this.table = 'build' in table ? table.build() : table;
    return this;
  }
  setTitle(title: string) {
    this.title = title;
    return this;
  }
  setDimensions(width: number, height: number) {
    this.width = width;
    this.height = height;
    return this;
  }
  setColors() {
    return this;
  }
  setLegendPosition() {
    return this;
  }
  setXAxisTitle() {
    return this;
  }
  setYAxisTitle() {
    return this;
  }
  setOption() {
    return this;
  }
  build() {
    if (!this.table) throw new Error('A data table is required to build a chart.');
    const { type, title, width, height } = this;
    const table = this.table;
    return {
      getType: () => type,
      getOptions: () => ({ get: (key: string) => (key === 'title' ? title : null) }),
      getAs: (contentType: string) => {
        if (contentType !== 'image/png') throw new Error(`Converting from chart to ${contentType} is not supported.`);
        return new HostBlob(
          columnPng(
            table.rows.map((r) => Number(r[1]) || 0),
            width,
            height,
          ),
          'image/png',
          `${title || 'chart'}.png`,
        );
      },
      getBlob() {
        return this.getAs('image/png');
      },
    };
  }
}

export function chartsService(log: CallLog) {
  const builder = (type: string) => () => counted(new ChartBuilder(type), 'ChartBuilder', log);
  return counted(
    {
      ChartType: { AREA: 'AREA', BAR: 'BAR', COLUMN: 'COLUMN', LINE: 'LINE', PIE: 'PIE', TABLE: 'TABLE' },
      ColumnType: COLUMN_TYPES,
      newDataTable: () => counted(new DataTableBuilder(), 'DataTableBuilder', log),
      newColumnChart: builder('COLUMN'),
      newBarChart: builder('BAR'),
      newLineChart: builder('LINE'),
      newAreaChart: builder('AREA'),
    },
    'Charts',
    log,
  );
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A white RGB image with one blue column per value, scaled to the largest. */
export function columnPng(values: number[], width: number, height: number): Uint8Array {
  const w = Math.max(1, Math.min(1200, Math.round(width)));
  const h = Math.max(1, Math.min(800, Math.round(height)));
  const max = Math.max(1, ...values.map(Math.abs));
  const slot = values.length ? w / values.length : w;
  const raw = Buffer.alloc((w * 3 + 1) * h, 255);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const i = Math.min(values.length - 1, Math.floor(x / slot));
      const inColumn =
        values.length > 0 && x % slot > slot * 0.15 && x % slot < slot * 0.85 && h - y <= (Math.abs(values[i]) / max) * (h - 4);
      if (!inColumn) continue;
      const at = y * (w * 3 + 1) + 1 + x * 3;
      raw[at] = 0x1a;
      raw[at + 1] = 0x73;
      raw[at + 2] = 0xe8;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8;
  header[9] = 2;
  header[10] = 0;
  header[11] = 0;
  header[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
