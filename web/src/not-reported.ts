import type { Atlas } from './atlas.ts';
import { byId, el } from './dom.ts';
import { t } from './i18n.ts';
import { indicatorName } from './reason-indicator.ts';
import { roundLabel } from './rounds.ts';

/**
 * A note over the map when the round shown has none of the chosen figure (the style's legend says so with
 * `notReported`: Returnees in a 2014 round, a change with no previous round on the same boundaries): the map
 * is all hatched, so it says why, and offers the round's IDPs where it has them.
 */
export function setupNotReported(atlas: Atlas): void {
  const note = el('div', '', 'not-reported');
  note.id = 'not-reported';
  note.setAttribute('role', 'status');
  note.hidden = true;
  byId('map').after(note);
  let drawn = '';
  const render = () => {
    const reason = atlas.legend?.notReported;
    const { indicator } = atlas.store.state;
    const offerIdps = indicator !== 'idps_ind' && atlas.round.totals.idps_ind !== undefined;
    const key = reason ? `${reason}|${indicator}|${atlas.round.key}|${atlas.store.state.lang}` : '';
    if (key === drawn) return;
    drawn = key;
    note.hidden = !reason;
    if (!reason) return note.replaceChildren();
    const text = el(
      'p',
      t('notReportedMap', {
        indicator: indicatorName(indicator, atlas.round),
        reason,
        round: roundLabel(atlas.round),
      }),
    );
    note.replaceChildren(text);
    if (offerIdps) {
      const button = el('button', t('showIdps'));
      button.type = 'button';
      button.addEventListener('click', () => atlas.store.update({ indicator: 'idps_ind' }));
      note.append(button);
    }
  };
  atlas.onUpdate(render);
  render();
}
