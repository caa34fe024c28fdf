// Navigation → the profile form showing the server's values, on cold
// signed-in loads of /profile at 4× CPU, for each app, the apps' loads
// alternating (app, peer, app, peer, …) so a change in how busy the machine
// is falls on both alike.
//
// Starts at the navigation; stops when the frame that first shows the
// City input holding the server's city has been painted (load.mjs). Each
// load also counts the bytes received, every request included (the API
// too), until the network is quiet after that (transfer.mjs).
//
// One unmeasured load of each app comes first (the browser's own first-use
// costs, which fall on whichever app goes first, are not either app's).
import { coldLoad } from './load.mjs';
import { profileUrl } from './session.mjs';
import { summary } from './stats.mjs';

/// `loads` cold loads of /profile per subject under `network` (null: no
/// throttle); per subject `{ ...summary, samples, loads: [{ readyMs, sent }] }`.
export async function measureFormReady(browser, subjects, loads, network = null) {
  const runs = Object.fromEntries(subjects.map((s) => [s.name, []]));
  for (const s of subjects) await coldLoad(browser, s.state, profileUrl(s.base), s.cityReady, { network, readPath: s.readPath });
  for (let i = 0; i < loads; i++) {
    for (const s of subjects) runs[s.name].push(await coldLoad(browser, s.state, profileUrl(s.base), s.cityReady, { network, readPath: s.readPath }));
  }
  return Object.fromEntries(subjects.map((s) => {
    const samples = runs[s.name].map((r) => r.readyMs);
    // Profile read start / main module arrival, where both are known.
    const ratios = runs[s.name].map((r) => r.timeline).filter((t) => t?.readStart != null && t.mainEnd)
      .map((t) => t.readStart / t.mainEnd);
    const readVsMain = ratios.length ? { ...summary(ratios), samples: ratios } : null;
    const saveSamples = runs[s.name].map((r) => r.saveReadyMs).filter((x) => x != null);
    const saveReady = saveSamples.length ? { ...summary(saveSamples), samples: saveSamples } : null;
    return [s.name, { network: network?.name ?? 'none', ready: s.cityReady, ...summary(samples), samples, readVsMain, saveReady, loads: runs[s.name] }];
  }));
}
