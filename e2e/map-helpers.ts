import type { Page } from '@playwright/test';

type LandportWindow = {
  landport?: {
    map: {
      loaded(): boolean;
      getLayer(id: string): unknown;
      once(event: string, cb: () => void): void;
      triggerRepaint(): void;
      queryRenderedFeatures(opts: { layers: string[] }): { properties: Record<string, unknown> }[];
      getFeatureState(f: { source: string; id: string }): Record<string, unknown>;
      project(lngLat: [number, number]): { x: number; y: number };
      getCenter(): { lat: number; lng: number };
      getZoom(): number;
    };
    controller: { lastStepMs: number | null };
  };
};

/** Waits until the crossings layer exists and MapLibre has reached `idle` (never a sleep). */
export async function waitForMapIdle(page: Page) {
  await page.waitForFunction(() => {
    const lp = (window as unknown as LandportWindow).landport;
    // The offline basemap is added under the crossings in two steps, its detail (1:10m region, 1:50m world) once
    // they are drawn: wait for all of it, so screenshots show one basemap.
    return Boolean(lp?.map.getLayer('crossings-circles') && lp.map.getLayer('world-land') && lp.map.getLayer('region-land'));
  });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const { map } = (window as unknown as LandportWindow).landport!;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

export function renderedCrossingIds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as LandportWindow).landport!.map
      .queryRenderedFeatures({ layers: ['crossings-circles'] })
      .map((f) => String(f.properties.id))
      .sort(),
  );
}

export function symbolState(page: Page, id: string): Promise<Record<string, unknown>> {
  return page.evaluate((crossingId) => (window as unknown as LandportWindow).landport!.map.getFeatureState({ source: 'crossings', id: crossingId }), id);
}

/** Where a crossing is drawn on the page, for clicking it like a person would. */
export async function crossingPagePoint(page: Page, lngLat: [number, number]) {
  const point = await page.evaluate((ll) => (window as unknown as LandportWindow).landport!.map.project(ll), lngLat);
  const box = (await page.locator('#map').boundingBox())!;
  return { x: box.x + point.x, y: box.y + point.y };
}

export function cameraOf(page: Page) {
  return page.evaluate(() => {
    const { map } = (window as unknown as LandportWindow).landport!;
    const c = map.getCenter();
    return { lat: c.lat, lng: c.lng, zoom: map.getZoom() };
  });
}

export type { LandportWindow };
