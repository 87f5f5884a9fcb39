import { ensureWebBuild } from '../../functions/local/web-build.ts';

/** Builds the web front end once before any test file runs, so no two tests race to build web/dist. */
export default async function setup(): Promise<void> {
  await ensureWebBuild(() => {});
}
