import type { Express } from 'express';

type Layer = {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  rawPath?: string | string[];
  handle: { stack?: Layer[] };
};

/**
 * Every route the app answers, as `METHOD /path/{param}` (OpenAPI's form), found by walking Express's router
 * stack through mounted routers. A handler that stands for a router (a dispatcher) exposes its routes as `stack`.
 * For the tests that check the API description and the permission matrix are complete.
 */
export function listRoutes(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          const full = (prefix + (path === '/' ? '' : path) || '/').replace(/:(\w+)/g, '{$1}');
          for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') routes.push(`${method.toUpperCase()} ${full}`);
        }
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...new Set(routes)].sort();
}
