// First, in this order: the API answers, asked while the map code downloads (boot.ts), then the map worker and
// the glyphs, asked as soon as that code is in (map-code-loads.ts).
import './boot.ts';
import './map-code-loads.ts';
import { followHashArea } from './area-follow.ts';
import { setupControls } from './controls.ts';
import { byId } from './dom.ts';
import { embedOptions, presentEmbed } from './embed-present.ts';
import { showError, startPage } from './page.ts';
import { postEvents } from './post-messages.ts';
import { formatHash } from './state.ts';

/**
 * The embeddable map at `/embed/`: the map with its legend, the round and attribution, cooperative gestures
 * (the host page keeps its scrolling), state from the hash (the host may change it without reloading), and
 * events posted to the host page (docs/embed.md). A hash naming an area and no view zooms to that area.
 */
async function main(): Promise<void> {
  const atlas = await startPage({ container: 'map', embed: true });
  postEvents(atlas);
  setupControls(atlas);
  const fullMap = byId<HTMLAnchorElement>('full-map');
  const render = () => {
    fullMap.href = `/${formatHash({ ...atlas.store.state, table: false })}`;
  };
  atlas.onUpdate(render);
  render();
  // The embed builder's options (lock, legend, controls, fit): `fit=country` keeps the country in view.
  const options = embedOptions();
  followHashArea(atlas, options.fit !== 'country');
  presentEmbed(atlas, options);
}

main().catch(showError);
