// The floor the map's first paint is measured against: a bare MapLibre page (the package's own build, no landport
// code, data inline) with 21 circles over water, served from memory by node:http on loopback. Navigation → first
// circles drawn and → idle, over cold loads in the same browser, so a run's figures carry this machine's speed
// of the moment (it varies by half between runs minutes apart). All of it is made up here and drawn nowhere else.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from '@playwright/test';

const dist = 'node_modules/maplibre-gl/dist';

function page() {
  const points = Array.from({ length: 21 }, (_, i) => ({
    type: 'Feature', properties: { id: i }, geometry: { type: 'Point', coordinates: [-117 + i * 0.8, 32 - Math.sin(i) * 2] },
  }));
  const style = {
    version: 8,
    sources: { c: { type: 'geojson', data: { type: 'FeatureCollection', features: points } } },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': '#c9dcea' } },
      { id: 'circles', type: 'circle', source: 'c', paint: { 'circle-radius': 8, 'circle-color': '#d7301f' } },
    ],
  };
  return `<!doctype html><html><head><link rel="stylesheet" href="/maplibre-gl.css">
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div><script type="module">
import * as maplibregl from '/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
window.bare = new maplibregl.Map({ container: 'map', center: [-105, 28], zoom: 4.3, style: ${JSON.stringify(style)} });
</script></body></html>`;
}

/** Median (and all) of `runs` cold loads of the bare page: navigation → first circles drawn, → idle. */
export async function measureBareMapLibre(browser: Browser, runs = 5, viewport = { width: 1280, height: 800 }) {
  const files: Record<string, [string, Buffer | string]> = {
    '/': ['text/html', page()],
    '/maplibre-gl.mjs': ['text/javascript', fs.readFileSync(`${dist}/maplibre-gl.mjs`)],
    '/maplibre-gl-worker.mjs': ['text/javascript', fs.readFileSync(`${dist}/maplibre-gl-worker.mjs`)],
    '/maplibre-gl.css': ['text/css', fs.readFileSync(`${dist}/maplibre-gl.css`)],
  };
  const server = http.createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const drawn: number[] = [];
  const idle: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport });
      const p = await context.newPage();
      const start = Date.now();
      await p.goto(url);
      await p.waitForFunction('window.bare && window.bare.getLayer("circles") && window.bare.queryRenderedFeatures({ layers: ["circles"] }).length > 0', null, { timeout: 60_000, polling: 'raf' });
      drawn.push(Date.now() - start);
      await p.evaluate('new Promise((r) => { window.bare.once("idle", r); window.bare.triggerRepaint(); })');
      idle.push(Date.now() - start);
      await context.close();
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { drawn: median(drawn), idle: median(idle), drawnRuns: drawn, idleRuns: idle };
}
