// Measures the real window on a large library: launch to interactive, how long a filter change
// takes to show, and how long rows stay blank while scrolling. Prints figures; asserts nothing
// about speed (timings on a shared machine are for reading, not for failing a build).
//
// Run through the e2e runner, which starts Xvfb and tauri-driver:
//   E2E_SCRIPT=tests/perf/window.mjs E2E_LIBRARY=/path/to/big.cuttings \
//     bash tests/e2e/run.sh target/release/cuttings-app
// Make the library with: cuttings bench --clippings 100000 --dir DIR (it stays in DIR).

import { writeFileSync } from 'node:fs';
import { Session, sleep } from '../e2e/webdriver.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);

const ms = (n) => `${n.toFixed(0)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);

/** A page script that runs `action` and answers with the time until the list shows
 *  something else (its count, or its first row when the count stays: a word found in every
 *  clipping) and the next frame is painted. The action is written into the script: the
 *  window's CSP rightly refuses to evaluate strings. */
const timedChange = (action) => `
  const done = arguments[arguments.length - 1];
  const count = document.querySelector('[data-testid="list-count"]');
  const firstRow = () => document.querySelector('[data-testid="clipping-row"]')?.textContent ?? '';
  const before = count.textContent;
  const rowBefore = firstRow();
  const t0 = performance.now();
  const obs = new MutationObserver(() => {
    const row = firstRow();
    // An empty first row is the list between two states, not the new one.
    if (count.textContent === before && (row === '' || row === rowBefore)) return;
    obs.disconnect();
    requestAnimationFrame(() => done({ ms: performance.now() - t0, count: count.textContent }));
  });
  obs.observe(document.body, { characterData: true, childList: true, subtree: true });
  setTimeout(() => { obs.disconnect(); done({ ms: -1, count: count.textContent }); }, 10000);
  ${action}
`;

async function timed(s, action) {
  const r = await s.cmd('POST', '/execute/async', { script: timedChange(action), args: [] });
  if (process.env.PERF_VERBOSE) console.log(`  ${r.ms.toFixed(0)} ms -> ${r.count}: ${action.slice(0, 70)}`);
  return r;
}

/** Scrolls the list like a fast wheel for `seconds`, frame by frame, and measures the longest
 *  run of frames in which a placeholder row was on screen. */
const SCROLL = `
  const done = arguments[arguments.length - 1];
  const [pxPerFrame, seconds, jumps] = arguments;
  const sc = document.querySelector('.scroller');
  const blankNow = () => {
    const top = sc.getBoundingClientRect().top, bottom = top + sc.clientHeight;
    return [...sc.querySelectorAll('.loading-row')].some((r) => {
      const b = r.getBoundingClientRect();
      return b.bottom > top && b.top < bottom;
    });
  };
  const t0 = performance.now();
  let frames = 0, blankFrames = 0, blankSince = null, longest = 0;
  const blanks = [];
  function frame(now) {
    frames += 1;
    if (blankNow()) {
      blankFrames += 1;
      if (blankSince === null) blankSince = now;
    } else if (blankSince !== null) {
      blanks.push(now - blankSince);
      longest = Math.max(longest, now - blankSince);
      blankSince = null;
    }
    if (now - t0 > seconds * 1000) {
      if (blankSince !== null) blanks.push(now - blankSince);
      return done({ frames, blankFrames, longest, blanks });
    }
    if (jumps) {
      // Every 20th frame a jump to anywhere, as dragging the scroll bar does.
      if (frames % 20 === 0) sc.scrollTop = Math.random() * (sc.scrollHeight - sc.clientHeight);
    } else {
      sc.scrollTop += pxPerFrame;
      if (sc.scrollTop + sc.clientHeight >= sc.scrollHeight - 1) sc.scrollTop = 0;
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
`;

let ok = false;
let s;
try {
  const t0 = Date.now();
  s = await Session.start(args.driver, args.app);
  const session = Date.now() - t0;
  const rows = await s.until(
    'the first rows',
    `return document.querySelectorAll('[data-testid="clipping-row"]').length > 0 && document.querySelector('[data-view="all"] .count')?.textContent;`,
    [],
    30000,
  );
  const launch = Date.now() - t0;
  const inPage = await s.exec(`return performance.now();`);
  console.log(`library: ${rows} clippings`);
  console.log(`launch to first rows and counts: ${ms(launch)} (window and WebDriver session up after ${ms(session)}; page loaded ${ms(inPage)} before the check)`);

  // Filters, each timed from the click to the painted list: a source, a topic, a preset
  // range, a search word, then back to everything.
  const sources = await s.exec(`return [...document.querySelectorAll('nav [data-source]')].slice(0, 5).map(e => e.dataset.source);`);
  const tags = await s.exec(`return [...document.querySelectorAll('nav [data-tag-path]')].slice(0, 5).map(e => e.dataset.tagPath);`);
  const results = { source: [], topic: [], 'date range': [], search: [], 'clear all': [] };
  for (let i = 0; i < 5; i++) {
    const src = sources[i % sources.length];
    results.source.push((await timed(s, `document.querySelector('nav [data-source="${src}"]').click();`)).ms);
    results['clear all'].push((await timed(s, `document.querySelector('[data-testid="filter-chips"] .link').click();`)).ms);
    const tag = tags[i % tags.length];
    results.topic.push((await timed(s, `document.querySelector('nav [data-tag-path="${tag}"]').click();`)).ms);
    results['clear all'].push((await timed(s, `document.querySelector('[data-testid="filter-chips"] .link').click();`)).ms);
    // A date range from a year onwards, typed into the custom range.
    await s.exec(`if (!document.querySelector('#date-from')) [...document.querySelectorAll('[data-testid="date-range"] button')].find(b => b.textContent.startsWith('Custom')).click();`);
    await s.until('the custom range', `return document.querySelector('#date-from');`);
    results['date range'].push(
      (await timed(s, `const f = document.querySelector('#date-from'); f.value = '${2017 + i}-01'; f.dispatchEvent(new Event('change', { bubbles: true }));`)).ms,
    );
    results['clear all'].push((await timed(s, `document.querySelector('[data-testid="filter-chips"] .link').click();`)).ms);
    // A word from a headline on screen: the generated vocabulary is made up.
    const word = await s.exec(
      `const t = [...document.querySelectorAll('[data-testid="clipping-row"] .title')].map(e => e.textContent).join(' ');
       const words = t.split(/[^\\p{L}]+/u).filter(w => w.length > 4);
       return words[arguments[0] % words.length];`,
      [i * 3],
    );
    results.search.push(
      (await timed(s, `const el = document.querySelector('#search'); el.value = '${word}'; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));`)).ms,
    );
    results['clear all'].push((await timed(s, `document.querySelector('[data-testid="filter-chips"] .link').click();`)).ms);
  }
  for (const [what, xs] of Object.entries(results)) {
    const good = xs.filter((x) => x >= 0);
    console.log(`filter change, ${what}: median ${ms(median(good))}, worst ${ms(max(good))} (${good.length} of ${xs.length} changed the list)`);
  }

  await sleep(300);
  const wheel = await s.cmd('POST', '/execute/async', { script: SCROLL, args: [600, 4, false] });
  console.log(
    `scrolling 600 px a frame for 4 s: ${wheel.frames} frames, ${wheel.blankFrames} with a blank row on screen, longest blank ${ms(wheel.longest)}`,
  );
  const jumps = await s.cmd('POST', '/execute/async', { script: SCROLL, args: [0, 4, true] });
  console.log(
    `jumping anywhere every 20 frames for 4 s: ${jumps.frames} frames, ${jumps.blankFrames} with a blank row, blank after a jump: median ${ms(median(jumps.blanks.length ? jumps.blanks : [0]))}, longest ${ms(jumps.longest)}`,
  );
  ok = true;
} catch (e) {
  console.log(`the measurement failed: ${e.message}`);
} finally {
  await s?.end().catch(() => {});
}
if (args.result) writeFileSync(args.result, ok ? '1 0\n' : '0 1\n');
process.exit(ok ? 0 : 1);
