import { openSite } from './browser.ts';
const { origin, browser, stop } = await openSite();
for (const [w, h] of [[1280, 900], [1024, 800], [360, 740]]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  const out: string[] = []; let n = 0, t = 0;
  for (const c of ['elbo', 'vae', 'diffusion']) {
    await page.goto(`${origin}/${c}/`, { waitUntil: 'load' });
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('article > *').forEach((e) => e.style.contentVisibility = 'visible'));
    const r = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('article .equation')].map((e) => {
      const k = e.querySelector<HTMLElement>('.katex-display > .katex')!;
      return { id: e.id, num: e.querySelector('.eq-number')!.textContent, box: e.clientWidth, side: (e.querySelector('.eq-side') as HTMLElement).offsetWidth, math: Math.round(k.scrollWidth), sw: e.scrollWidth };
    }));
    t += r.length;
    for (const x of r) if (x.sw > x.box + 1) { n++; out.push(`${x.num} ${x.id} math ${x.math} box ${x.box} side ${x.side}`); }
  }
  console.log(`== ${w}px: ${n}/${t} wider than their box`); console.log(out.join('\n'));
  await page.close();
}
await stop();
