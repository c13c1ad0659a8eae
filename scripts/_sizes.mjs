import { build } from 'vite';
import { gzipSync } from 'node:zlib';
const res = await build({ logLevel: 'silent', build: { write: false, manifest: false } });
const outs = Array.isArray(res) ? res : [res];
const rows = [];
for (const o of outs)
  for (const c of o.output)
    if (c.type === 'chunk' && c.modules) {
      for (const [id, m] of Object.entries(c.modules))
        rows.push([
          c.fileName.split('-')[0],
          id.replace(/.*node_modules\//, 'nm:').replace(/.*\/main\//, ''),
          m.renderedLength,
          gzipSync(m.code ?? '', { level: 9 }).length,
        ]);
    }
rows.sort((a, b) => b[3] - a[3]);
for (const r of rows.slice(0, 45)) console.log(r[0].padEnd(14), String(r[3]).padStart(6), String(r[2]).padStart(7), r[1]);
