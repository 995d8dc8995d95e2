// cards.mjs draws N social cards with satori (layout to SVG) and resvg (SVG
// to PNG): the same 1200×630 card medkb's internal/card draws — accent bar,
// section, a three-line title, rule, trust line, site name and logo — with
// the same fonts, so the benchmark compares drawing, not design.
//
//   node cards.mjs N REGULAR.ttf BOLD.ttf LOGO.png OUTDIR
//
// prints one JSON line: {"cards": N, "seconds": wall, "cpu": user+system, "bytes": total PNG bytes}.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';

const [n, regularPath, boldPath, logoPath, outDir] = process.argv.slice(2);
const fonts = [
  { name: 'Go', data: readFileSync(regularPath), weight: 400, style: 'normal' },
  { name: 'Go', data: readFileSync(boldPath), weight: 700, style: 'normal' },
];
const logo = 'data:image/png;base64,' + readFileSync(logoPath).toString('base64');
const title = 'Type 2 diabetes: symptoms, treatment and living well with it every day';
const h = (type, style, ...children) => ({ type, props: { style, children } });

function card(i) {
  return h('div', { display: 'flex', width: 1200, height: 630, background: '#fff', fontFamily: 'Go' },
    h('div', { width: 24, height: 630, background: '#0b5cad' }),
    h('div', { display: 'flex', flexDirection: 'column', padding: '60px 96px 40px 72px', flexGrow: 1 },
      h('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
        h('div', { fontSize: 34, fontWeight: 700, color: '#0b5cad' }, 'CONDITIONS'),
        { type: 'img', props: { src: logo, width: 112, height: 112 } }),
      h('div', { fontSize: 72, fontWeight: 700, color: '#1a1a2e', lineHeight: 1.2, lineClamp: 3, display: 'block' }, title.slice(0, 20 + (i % 40))),
      h('div', { marginTop: 'auto', height: 4, background: '#0b5cad' }),
      h('div', { fontSize: 28, color: '#1a1a2e', marginTop: 24 }, 'Medically reviewed by Dr Daniel Okafor, PharmD · 14 September 2026'),
      h('div', { fontSize: 30, fontWeight: 700, color: '#0b5cad', marginTop: 12 }, 'Demo Health Library')));
}

const t0 = performance.now();
const c0 = process.cpuUsage();
let bytes = 0;
for (let i = 0; i < Number(n); i++) {
  const svg = await satori(card(i), { width: 1200, height: 630, fonts });
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: 1200 } }).render().asPng();
  bytes += png.length;
  if (i === 0) writeFileSync(join(outDir, 'satori-card.png'), png);
}
const c1 = process.cpuUsage(c0);
console.log(JSON.stringify({ cards: Number(n), seconds: (performance.now() - t0) / 1000, cpu: (c1.user + c1.system) / 1e6, bytes }));
