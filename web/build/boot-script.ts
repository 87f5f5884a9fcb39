import type { Plugin, Rolldown } from 'vite';

/**
 * Vite plugin: gives each page the boot chunk (web/src/boot.ts, a build input of its own) as a separate
 * `<script type="module" async>` at the top of `<head>`.
 *
 * Why: Vite joins every module script of a page into one entry, and a module runs only once its whole import
 * graph is in, so boot.ts imported by the page alone would wait for maplibre-gl. Its own async tag lets the
 * browser run it as soon as its few kilobytes arrive. The pages import it too (one module, run once), so the
 * page works the same without this tag (as under `vite dev`, where the plugin does nothing).
 */
export function bootScript(entryName = 'boot'): Plugin {
  return {
    name: 'dtm-atlas-boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output): output is Rolldown.OutputChunk =>
            output.type === 'chunk' && output.isEntry && output.name === entryName,
        );
        if (!chunk) throw new Error(`the build has no "${entryName}" entry chunk for the boot script`);
        return [
          {
            tag: 'script',
            attrs: { type: 'module', crossorigin: true, async: true, src: `/${chunk.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}
