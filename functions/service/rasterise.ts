/**
 * SVG to PNG with resvg (a native module from npm). Its one import is here, loaded on first use: the tiles
 * Lambda's cold start never pays for it, and where the module is absent (the Lambda bundles leave it out:
 * infra/lib/atlas-function.ts) thumbnails are simply unavailable.
 */
type ResvgModule = typeof import('@resvg/resvg-js');

let loading: Promise<ResvgModule | undefined> | undefined;

/** The resvg module, loaded once; undefined where it cannot be loaded. */
function resvg(): Promise<ResvgModule | undefined> {
  loading ??= import('@resvg/resvg-js').then(
    // A CommonJS module: its exports arrive as named exports or under `default`, depending on the loader.
    (module) => ((module as { default?: ResvgModule }).default ?? module) as ResvgModule,
    () => undefined,
  );
  return loading;
}

/** Whether PNGs can be drawn here (resvg loads). */
export async function canRasterise(): Promise<boolean> {
  return (await resvg()) !== undefined;
}

/** The PNG of an SVG at its own size; undefined where resvg is unavailable. */
export async function rasterise(svg: string): Promise<Uint8Array | undefined> {
  const module = await resvg();
  if (!module) return undefined;
  const image = new module.Resvg(svg, {
    fitTo: { mode: 'original' },
    // The system's sans-serif (DejaVu, Liberation or Noto on Debian); text is only the title, legend and credit.
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(image.render().asPng());
}
