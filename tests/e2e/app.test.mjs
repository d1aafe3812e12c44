// End-to-end tests of the real Cuttings window through tauri-driver, on a fresh library (the
// runner sets CUTTINGS_LIBRARY to a temporary file). Steps run in order, as a user would work:
// each builds on the one before, and each leaves a screenshot in the output folder.
//
// node app.test.mjs --app PATH --driver URL --out DIR [--result FILE]

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS, Session, elementRef, sleep } from './webdriver.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const out = args.out ?? 'target/e2e';
mkdirSync(out, { recursive: true });

const LAVROV = 'Lavrov stresses commitment to make inter-Syrian dialogue succeed';
const SECOND = 'Aid convoy reaches eastern Aleppo';
const SECOND_TEXT = `${SECOND}

Aleppo, SANA – A convoy of 40 trucks carrying food and medicine reached the eastern neighbourhoods of Aleppo on Tuesday, officials said.

The aid was delivered in cooperation with the Syrian Arab Red Crescent.
`;

// A saved news page as a site serves it: metadata in JSON-LD and OpenGraph, the article among
// navigation and a "related" block that must not end up in the text.
const PAGE_TITLE = 'Geneva talks resume with a new agenda';
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${PAGE_TITLE} | The Daily Wire Desk</title>
<meta property="og:site_name" content="The Daily Wire Desk">
<meta property="og:title" content="${PAGE_TITLE}">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"${PAGE_TITLE}","datePublished":"2016-03-14T09:30:00Z",
"author":[{"@type":"Person","name":"Lina Haddad"},{"@type":"Person","name":"Tom Price"}],
"publisher":{"@type":"Organization","name":"The Daily Wire Desk"}}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>${PAGE_TITLE}</h1><p class="byline">By Lina Haddad and Tom Price</p>
<p>GENEVA — Delegations returned to the Palais des Nations on Monday as the United Nations envoy set out a new agenda for the talks, starting with humanitarian access and a ceasefire.</p>
<p>The envoy said the first week would be spent on detainees and aid convoys, with political questions left to a second round of meetings later in the month.</p>
<p>Observers said the agenda reflected weeks of consultations in Moscow, Washington and Riyadh, and that both delegations had accepted it in writing before arriving.</p>
</article><aside class="related"><h2>Related</h2><ul><li><a href="/x">Ten things to know about football</a></li></ul></aside>
<footer>© The Daily Wire Desk</footer></body></html>`;

// One wire article carried by three outlets: the original; a copy cut from the bottom behind a
// "BBC - " credit; a copy with a local sentence added (and the last one cut). And a report on
// the same event that is not a copy: its own story, and related reporting for the original.
const FLOOD = 'Flood defences breached in northern river towns';
const FLOOD_BBC = 'River Aire defences fail as homes evacuated';
const FLOOD_LOCAL = 'Families leave homes as the Aire bursts its banks';
const INSURERS = 'Insurers send assessors to flooded towns';
const FLOOD_LINES = [
  'Flood defences along the River Aire were breached early on Thursday, forcing the evacuation of about 2,000 homes in three towns, the Environment Agency said.',
  'Rescue teams used boats to reach residents trapped on upper floors after the river rose by more than a metre overnight.',
  'The agency said pumping stations at Castleford and Allerton Bywater had failed when their power supply was cut.',
  'Forecasters expect more rain over the weekend, and flood warnings remain in place for the whole of the Aire valley.',
  'Insurers including Aviva said claims from the region could exceed 40 million pounds.',
];
const LOCAL_LINE = 'A rest centre was opened at the town hall for families who had to leave their homes, the council said.';
const STORY_CLIPPINGS = [
  { title: FLOOD, source: 'Reuters', date: '2017-02-09', body: FLOOD_LINES },
  { title: FLOOD_BBC, source: 'BBC News', date: '2017-02-10', body: [`BBC - ${FLOOD_LINES[0]}`, ...FLOOD_LINES.slice(1, 3)] },
  { title: FLOOD_LOCAL, source: 'Yorkshire Evening Post', date: '2017-02-10', body: [...FLOOD_LINES.slice(0, 2), LOCAL_LINE, ...FLOOD_LINES.slice(2, 4)] },
  {
    title: INSURERS,
    source: 'Financial Desk',
    date: '2017-02-11',
    body: [
      'Aviva said on Friday it had sent extra loss adjusters to West Yorkshire as homeowners began to return to flooded streets.',
      'The company said most claims so far came from households without any cover for floods.',
      'Industry groups have called again for changes to the national reinsurance scheme for homes at risk.',
    ],
  },
];

// Clippings on two clear topics, filed by hand, and one more football report left unfiled: the
// topics learned from the filing suggest Sport/Football for it.
const FOOTBALL = [
  {
    title: 'United beat City in the derby with a late goal',
    body: [
      'Manchester United beat City 2-1 at Old Trafford on Sunday, with a header from the striker in the 89th minute deciding the derby.',
      'The manager praised his midfield after the match and said the league title race was far from over.',
      "City's goalkeeper made five saves in the second half before the winning goal.",
    ],
  },
  {
    title: 'Arsenal striker scores twice as league leaders win',
    body: [
      'The Arsenal striker scored twice in the first half as the league leaders beat Everton 3-0 at the Emirates.',
      'The manager rested two midfielders ahead of the cup match on Wednesday, and the goalkeeper kept a clean sheet.',
      "Everton's defence struggled with the pace of the wingers throughout the match.",
    ],
  },
  {
    title: 'Liverpool held to a draw after penalty miss',
    body: [
      'Liverpool were held to a 1-1 draw at Anfield after their captain missed a penalty in the second half.',
      'The referee awarded the penalty after a foul in the box, but the goalkeeper saved the shot.',
      'The manager said his players had dominated the match and deserved three points in the league.',
    ],
  },
].map((c, i) => ({ ...c, source: 'Sports Desk', date: `2018-03-0${i + 2}` }));
const MARKETS = [
  {
    title: 'Shares fall as central bank raises interest rates',
    body: [
      'Shares in London fell on Thursday after the central bank raised interest rates by a quarter point to curb inflation.',
      'Banks gained while housebuilders and retailers lost ground, and the pound rose against the dollar.',
      'Investors expect another rise in borrowing costs before the end of the year, analysts said.',
    ],
  },
  {
    title: 'Oil prices push energy stocks to a record',
    body: [
      'Energy stocks reached a record on Wednesday as oil prices rose for a fifth day on supply worries.',
      'The FTSE 100 index closed up 0.8 per cent, with investors buying shares in producers and refiners.',
      "Analysts said inflation and interest rates would decide whether the market's gains last.",
    ],
  },
  {
    title: "Retailer's profit warning sends its shares lower",
    body: [
      'Shares in the retailer fell 14 per cent after it warned that annual profit would be lower than investors expected.',
      'The company blamed weak sales, higher wages and the cost of energy, and said it would cut its dividend.',
      'Analysts at two banks lowered their price targets for the stock.',
    ],
  },
].map((c, i) => ({ ...c, source: 'Markets Daily', date: `2018-03-0${i + 2}` }));
const UNFILED = {
  title: 'Tottenham winger seals comeback win at Villa Park',
  source: 'Sports Desk',
  date: '2018-03-10',
  body: [
    'A goal from the Tottenham winger in the last minute completed a comeback win against Aston Villa in the league on Saturday.',
    "The goalkeeper made a fine save from a penalty before the break, and the manager praised the striker's work rate.",
    "Villa's players and fans were frustrated with the referee after the match.",
  ],
};

const ARRIVING = {
  title: 'Chelsea captain heads late winner against Leeds',
  source: 'Sports Desk',
  date: '2018-03-11',
  body: [
    'The Chelsea captain headed a late winner against Leeds at Stamford Bridge, the goal coming from a corner in the final minute of the league match.',
    'The goalkeeper saved a penalty in the first half, and the manager said the striker and the midfield had worked hard.',
    "Leeds' players argued with the referee after the match.",
  ],
};

/** Serves the page on 127.0.0.1 only, on a free port. */
async function servePage() {
  const server = createServer((req, res) => {
    if (req.url.split('?')[0] === '/world/geneva-talks') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function eq(actual, expected, what) {
  assert(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

let s;
let shot = 0;

async function screenshot(name) {
  shot += 1;
  const file = join(out, `${String(shot).padStart(2, '0')}-${name}.png`);
  writeFileSync(file, await s.screenshot());
}

/** Titles of the rows the list shows now, in order. */
async function rowTitles() {
  return s.exec(`return [...document.querySelectorAll('[data-testid="clipping-row"] .title')].map(e => e.textContent);`);
}

async function listCount() {
  return s.exec(`return document.querySelector('[data-testid="list-count"]')?.textContent ?? '';`);
}

async function waitForCount(n) {
  const label = n === 1 ? '1 clipping' : `${n} clippings`;
  await s.until(`the list to count ${label}`, `return document.querySelector('[data-testid="list-count"]')?.textContent === arguments[0];`, [label]);
}

async function sidebarCount(view) {
  return s.exec(`return document.querySelector('[data-view="${view}"] .count')?.textContent ?? '';`);
}

async function clickRow(title, modifier) {
  // Found by its DOM text: WebDriver's rendered text of a row is cut where the headline is ellipsed.
  const found = await s.until(
    `a row titled ${title}`,
    `return [...document.querySelectorAll('[data-testid="clipping-row"] .title')].find(t => t.textContent === arguments[0]) ?? null;`,
    [title],
  );
  // The headline, not the row's middle: a row's controls (a story's copies) sit there.
  const row = Object.values(found)[0];
  if (!modifier) return s.click(row);
  // A real ctrl-click through WebDriver actions: the key is held while the mouse clicks.
  await s.actions([
    { type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: modifier }, { type: 'pause' }, { type: 'pause' }, { type: 'keyUp', value: modifier }] },
    {
      type: 'pointer',
      id: 'mouse',
      parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', origin: elementRef(row), x: 0, y: 0 },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
        { type: 'pause' },
      ],
    },
  ]);
  await s.cmd('DELETE', '/actions');
}

async function clearFilters() {
  await s.exec(`document.querySelector('[data-testid="filter-chips"] .link')?.click();`);
  await s.exec(`document.querySelector('[data-view="all"]').click();`);
}

async function inputValue(css) {
  return s.property(await s.find(css), 'value');
}

/** Pastes an article into the window, sets its source and date in the review, and saves it. */
async function pasteClipping({ title, source, date, body }) {
  await s.exec(`document.activeElement?.blur();`);
  await s.exec(
    `const dt = new DataTransfer(); dt.setData('text/plain', arguments[0]);
     window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));`,
    [`${title}\n\n${body.join('\n\n')}\n`],
  );
  await s.waitFor('[data-testid="paste-review"]');
  eq(await inputValue('#draft-title'), title, 'parsed headline');
  for (const [css, value] of [['#draft-source', source], ['#draft-date', date]]) {
    const field = await s.find(css);
    await s.clear(field);
    await s.type(field, value);
  }
  await s.click(await s.find('#draft-save'));
  await s.until('the new clipping in the reader', `return document.querySelector('#title')?.value === arguments[0];`, [title]);
}

/** The list row titled `title` (found in the page), as a WebDriver element, or null. */
async function rowOf(title) {
  return s.exec(
    `return [...document.querySelectorAll('[data-testid="clipping-row"]')].find(r => r.querySelector('.title').textContent === arguments[0]) ?? null;`,
    [title],
  );
}

/** The text the list's count shows, once it is `label`. */
async function waitForListLabel(label) {
  await s.until(`the list to count ${label}`, `return document.querySelector('[data-testid="list-count"]')?.textContent === arguments[0];`, [label]);
}

/** Tags the clipping in the reader from the tag editor, and waits for its chip. */
async function tagInReader(path) {
  const input = await s.find('#tag-input');
  await s.click(input);
  await s.type(input, `${path}${KEYS.enter}`);
  await s.until(
    `the tag ${path} on the clipping`,
    `return [...document.querySelectorAll('[data-testid="tag-editor"] > .chip')].some(c => c.textContent.trim().startsWith(arguments[0]));`,
    [path],
  );
}

/** The reader's suggestion chips: topic, ticked or not. */
async function suggestionChips() {
  return s.exec(`return [...document.querySelectorAll('[data-testid="suggestion-chip"]')].map(b => ({ tag: b.dataset.tag, ticked: b.dataset.suggested === 'true' }));`);
}

/** The story panel's copy from `source`, clicked on its button `testid`. */
async function storyAction(source, testid) {
  const found = await s.until(
    `the story's copy from ${source}`,
    `return [...document.querySelectorAll('[data-testid="story-copy"]')].find(li => li.querySelector('.source')?.textContent === arguments[0])?.querySelector('[data-testid="' + arguments[1] + '"]') ?? null;`,
    [source, testid],
  );
  await s.click(Object.values(found)[0]);
}

/** Where on the canvas of the chart `testid` the colour `rgb` is first drawn (from the top, a
 *  few pixels into it), as offsets from the canvas's centre for pointer actions; or null. The
 *  chart is a picture, so the test finds a bar as a user does: by looking. */
async function pixelOf(testid, rgb) {
  return s.exec(
    `const canvas = document.querySelector('[data-testid="' + arguments[0] + '"] canvas');
     if (!canvas) return null;
     const k = canvas.width / canvas.clientWidth;
     const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
     const [r, g, b] = arguments[1];
     for (let y = 0; y < canvas.height; y += 1) {
       for (let x = 0; x < canvas.width; x += 1) {
         const i = (y * canvas.width + x) * 4;
         if (Math.abs(data[i] - r) < 8 && Math.abs(data[i + 1] - g) < 8 && Math.abs(data[i + 2] - b) < 8) {
           return { x: Math.round(x / k + 6 - canvas.clientWidth / 2), y: Math.round(y / k + 5 - canvas.clientHeight / 2) };
         }
       }
     }
     return null;`,
    [testid, rgb],
  );
}

/** A real pointer gesture on `el`: down at the first point, through the others, up at the last
 *  (offsets from its centre). */
async function pointer(el, points) {
  const [first, ...rest] = points;
  // Pointer actions reach only what is on screen.
  await s.exec(`arguments[0].scrollIntoView({ block: 'center' });`, [elementRef(el)]);
  await sleep(300);
  await s.actions([
    {
      type: 'pointer',
      id: 'mouse',
      parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', origin: elementRef(el), x: first.x, y: first.y },
        { type: 'pointerDown', button: 0 },
        ...rest.map((p) => ({ type: 'pointerMove', origin: elementRef(el), x: p.x, y: p.y, duration: 60 })),
        { type: 'pointerUp', button: 0 },
        { type: 'pause', duration: 100 },
      ],
    },
  ]);
  await s.cmd('DELETE', '/actions');
}

const steps = [
  ['an empty library offers the sample clippings and imports them', async () => {
    await s.waitFor('[data-testid="empty-library"]');
    await screenshot('empty-library');
    await s.click(await s.find('#import-samples'));
    await s.waitFor('[data-testid="import-summary"]', async (el) => (await s.text(el)).includes('1 imported'), 15000);
    await waitForCount(1);
    eq((await rowTitles())[0], LAVROV, 'first row');
    await screenshot('samples-imported');
    await s.click(await s.find('[data-testid="import-panel"] button[aria-label="Close"]'));
  }],

  ['the reader shows the fields parsed from the wire copy', async () => {
    await clickRow(LAVROV);
    await s.waitFor('[data-testid="reader"]');
    eq(await inputValue('#title'), LAVROV, 'headline');
    eq(await inputValue('#meta-source'), 'SANA', 'source');
    eq(await inputValue('#meta-place'), 'Moscow', 'place');
    eq(await inputValue('#meta-authors'), 'Manar al-Frieh; Haifa Said', 'authors');
    eq(await s.text(await s.find('[data-testid="date-shown"]')), 'date unknown', 'date');
    const body = await s.text(await s.find('[data-testid="article-body"]'));
    assert(body.includes('Geneva 1 Communiqué'), 'the article text is shown');
    assert(!body.includes('Check Also'), 'the teaser after the article is not part of it');
    await screenshot('reader');
  }],

  ['a clipping is tagged Syria/Diplomacy from the tag editor', async () => {
    const input = await s.find('#tag-input');
    await s.click(input);
    await s.type(input, `Syria/Diplomacy${KEYS.enter}`);
    await s.waitFor('[data-testid="tag-editor"] .chip', async (el) => (await s.text(el)).includes('Syria/Diplomacy'));
    await s.waitFor('[data-tag-path="Syria/Diplomacy"]');
    await screenshot('tagged');
  }],

  ['a note is added and shown as rendered Markdown', async () => {
    const note = await s.find('#note-input');
    await s.click(note);
    await s.type(note, 'Check the **Moscow process** dates <script>x</script>');
    await s.click(await s.find('#note-add'));
    const body = await s.waitFor('[data-testid="note-body"]');
    const html = await s.property(body, 'innerHTML');
    assert(html.includes('<strong>Moscow process</strong>'), `note is rendered: ${html}`);
    assert(!html.includes('<script'), 'HTML in a note is shown as text');
    await screenshot('note');
  }],

  ['filtering by the source SANA shows the clipping', async () => {
    await s.click(await s.waitFor('[data-source="SANA"]'));
    await s.waitFor('[data-testid="filter-chips"]', async (el) => (await s.text(el)).includes('Source: SANA'));
    await waitForCount(1);
    await screenshot('filter-source');
    await clearFilters();
  }],

  ['filtering by the parent topic Syria includes Syria/Diplomacy', async () => {
    await s.click(await s.waitFor('[data-tag-path="Syria"]'));
    await s.waitFor('[data-testid="filter-chips"]', async (el) => (await s.text(el)).includes('Topic: Syria'));
    await waitForCount(1);
    eq((await rowTitles())[0], LAVROV, 'row under Syria');
    await screenshot('filter-tag');
    await clearFilters();
  }],

  ['pasted article text opens for review and is saved as a new clipping', async () => {
    await s.exec(`document.activeElement?.blur();`);
    await s.exec(
      `const dt = new DataTransfer(); dt.setData('text/plain', arguments[0]);
       window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));`,
      [SECOND_TEXT],
    );
    await s.waitFor('[data-testid="paste-review"]');
    eq(await inputValue('#draft-title'), SECOND, 'parsed headline');
    const date = await s.find('#draft-date');
    await s.clear(date);
    await s.type(date, '2015-04-07');
    await screenshot('paste-review');
    await s.click(await s.find('#draft-save'));
    await waitForCount(2);
    await s.until('the new clipping in the reader', `return document.querySelector('#title')?.value === arguments[0];`, [SECOND]);
    eq(await s.text(await s.find('[data-testid="date-shown"]')), '7 Apr 2015', 'date at its precision');
  }],

  ['a date range leaves out the undated clipping unless undated are included', async () => {
    await s.exec(`[...document.querySelectorAll('[data-testid="date-range"] button')].find(b => b.textContent.startsWith('Custom')).click();`);
    const from = await s.waitFor('#date-from');
    await s.type(from, `2015-01${KEYS.tab}`);
    await s.type(await s.find('#date-to'), `2015-12${KEYS.tab}`);
    await waitForCount(1);
    eq(JSON.stringify(await rowTitles()), JSON.stringify([SECOND]), 'rows in 2015');
    await screenshot('date-range');
    await s.click(await s.find('#include-undated'));
    await waitForCount(2);
    assert((await rowTitles()).includes(LAVROV), 'the undated clipping shows with "include undated"');
    await screenshot('date-range-undated');
    await clearFilters();
    await waitForCount(2);
  }],

  ['searching Lavrov finds the clipping and marks the hits', async () => {
    const search = await s.find('#search');
    await s.click(search);
    await s.type(search, `Lavrov${KEYS.enter}`);
    await waitForCount(1);
    const marks = await s.exec(`return [...document.querySelectorAll('[data-testid="clipping-row"] mark')].map(m => m.textContent);`);
    assert(marks.includes('Lavrov'), `the hit is marked: ${JSON.stringify(marks)}`);
    await screenshot('search');
    await s.exec(`document.activeElement?.blur();`);
    await clearFilters();
    await waitForCount(2);
  }],

  ['two clippings selected with ctrl-click are tagged together', async () => {
    await clickRow(LAVROV);
    await clickRow(SECOND, KEYS.control);
    await s.waitFor('[data-testid="bulk"]');
    const input = await s.find('#bulk-tag');
    await s.click(input);
    await s.type(input, `Press review${KEYS.enter}`);
    await s.until(
      'the tag on both clippings',
      `return document.querySelector('[data-tag-path="Press review"] .count')?.textContent === '2';`,
    );
    await screenshot('bulk-tagged');
  }],

  ['a bulk date edit is undone from its notice and the dates come back as they were', async () => {
    // The two clippings are still selected from the step before.
    const dates = () => s.exec(`return [...document.querySelectorAll('[data-testid="clipping-row"] .date')].map(e => e.textContent).sort();`);
    const before = await dates();
    const input = await s.waitFor('#bulk-date');
    await s.click(input);
    await s.type(input, `2016${KEYS.enter}`);
    await s.until('both rows dated 2016', `return [...document.querySelectorAll('[data-testid="clipping-row"] .date')].every(e => e.textContent === '2016');`);
    await s.exec(`[...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Undo').click();`);
    await s.until(
      'the dates as they were',
      `return JSON.stringify([...document.querySelectorAll('[data-testid="clipping-row"] .date')].map(e => e.textContent).sort()) === arguments[0];`,
      [JSON.stringify(before)],
    );
    eq(JSON.stringify(before), JSON.stringify(['7 Apr 2015', 'date unknown']), 'dates before the edit');
    await screenshot('bulk-date-undone');
  }],

  ['a clipping moved to the trash can be restored', async () => {
    await clickRow(LAVROV);
    await s.click(await s.waitFor('#trash'));
    await waitForCount(1);
    await s.until('the trash count', `return document.querySelector('[data-view="trash"] .count')?.textContent === '1';`);
    await s.click(await s.find('[data-view="trash"]'));
    await waitForCount(1);
    await screenshot('trash');
    await clickRow(LAVROV);
    await s.click(await s.waitFor('#restore'));
    await waitForCount(0);
    await s.click(await s.find('[data-view="all"]'));
    await waitForCount(2);
    eq(await sidebarCount('trash'), '0', 'trash count after restore');
    await screenshot('restored');
  }],

  ['a link pasted into the link field is fetched and read as an article', async () => {
    const server = await servePage();
    try {
      const url = `http://127.0.0.1:${server.address().port}/world/geneva-talks?utm_source=newsletter`;
      const field = await s.find('#add-link');
      await s.click(field);
      await s.type(field, `${url}${KEYS.enter}`);
      await waitForCount(3);
      await s.until('the page in the reader', `return document.querySelector('#title')?.value === arguments[0];`, [PAGE_TITLE], 20000);
      eq(await inputValue('#meta-source'), 'The Daily Wire Desk', 'site name as source');
      eq(await inputValue('#meta-authors'), 'Lina Haddad; Tom Price', 'authors');
      eq(await s.text(await s.find('[data-testid="date-shown"]')), '14 Mar 2016', 'date from the JSON-LD');
      const body = await s.text(await s.find('[data-testid="article-body"]'));
      assert(body.includes('Palais des Nations'), 'the article text is shown');
      assert(!body.includes('football') && !body.includes('Sport'), `navigation and related links are left out: ${body}`);
      await screenshot('link-added');
    } finally {
      server.close();
    }
  }],

  ['the clippings under a topic are exported as an HTML report from the Export dialog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cuttings-e2e-export-'));
    const file = join(dir, 'Syria report.html');
    await clearFilters();
    await s.click(await s.waitFor('[data-tag-path="Syria"]'));
    await waitForCount(1);
    await s.click(await s.find('#export-dialog'));
    await s.waitFor('[data-testid="export-dialog"]');
    eq(await inputValue('#export-title'), 'Syria', 'the collection is named after the topic');
    await s.exec(`const f = document.querySelector('#export-format'); f.value = 'html'; f.dispatchEvent(new Event('change'));`);
    const output = await s.find('#export-output');
    await s.type(output, file);
    await screenshot('export-dialog');
    await s.click(await s.find('#export-start'));
    await s.waitFor('[data-testid="export-summary"]', async (el) => (await s.text(el)).includes('Exported 1 clipping'), 15000);
    await screenshot('exported');
    const html = readFileSync(file, 'utf8');
    assert(html.includes(LAVROV), 'the report holds the headline');
    assert(html.includes('Syria/Diplomacy'), 'the report holds the topic');
    assert(html.includes('Moscow process'), 'the report holds the note');
    assert(html.includes('Geneva 1 Communiqué'), 'the report holds the text, accents intact');
    assert(!html.includes(SECOND), 'only the clippings under the topic are exported');
    assert(!/<link|<script src|https?:\/\/[^"]+\.css/.test(html), 'the report is self-contained');

    // The same name again: the dialog says the file exists and offers to replace it.
    await s.click(await s.find('#export-start'));
    await s.waitFor('[data-testid="export-error"]', async (el) => (await s.text(el)).includes('already exists'));
    await s.click(await s.find('#export-replace'));
    await s.waitFor('[data-testid="export-summary"]', async (el) => (await s.text(el)).includes('Exported 1 clipping'), 15000);
    eq(JSON.stringify(readdirSync(dir)), JSON.stringify(['Syria report.html']), 'files in the folder (no temporary left)');
    assert(existsSync(file), 'the report is still there');
    await s.exec(`document.querySelector('[data-testid="export-dialog"]').closest('[role="dialog"]').querySelector('button[aria-label="Close"]').click();`);
    await clearFilters();
  }],

  ['copies of one wire article are grouped into one story, shown, kept, split and merged', async () => {
    await waitForCount(3);
    let n = 3;
    for (const clip of STORY_CLIPPINGS) {
      await pasteClipping(clip);
      n += 1;
      await waitForCount(n);
    }
    // Without grouping every copy is a row; the original says how many copies there are.
    await s.until(
      'the copies badge on the original',
      `return [...document.querySelectorAll('[data-testid="clipping-row"]')].find(r => r.querySelector('.title').textContent === arguments[0])?.querySelector('[data-testid="copies-badge"]')?.textContent === '3 copies';`,
      [FLOOD],
    );
    await screenshot('stories-ungrouped');

    await s.click(await s.find('#group-copies'));
    await waitForListLabel('5 stories');
    const titles = await rowTitles();
    assert(titles.includes(FLOOD) && titles.includes(INSURERS), `the story and the other report are rows: ${JSON.stringify(titles)}`);
    assert(!titles.includes(FLOOD_BBC) && !titles.includes(FLOOD_LOCAL), `the copies are not rows of their own: ${JSON.stringify(titles)}`);
    await s.until('the story count in the sidebar', `return document.querySelector('[data-view="all"] .count')?.textContent === '5';`);
    // The inbox, where every clipping of this library is, counts stories too.
    await s.until('the inbox counted in stories', `return document.querySelector('[data-view="inbox"] .count')?.textContent === '5';`);
    const toggle = await s.until(
      'the story toggle on the original',
      `return [...document.querySelectorAll('[data-testid="clipping-row"]')].find(r => r.querySelector('.title').textContent === arguments[0])?.querySelector('[data-testid="story-toggle"]') ?? null;`,
      [FLOOD],
    );
    const toggleEl = Object.values(toggle)[0];
    eq((await s.text(toggleEl)).replace(/^\W+/, ''), 'carried by 3 outlets', 'the story toggle');
    eq(await s.exec('return arguments[0].getAttribute("aria-expanded");', [elementRef(toggleEl)]), 'false', 'closed at first');
    // Opened from the keyboard: Enter on the focused button.
    await s.type(toggleEl, KEYS.enter);
    const inline = await s.until(
      'the two other copies below the row',
      `const items = [...document.querySelectorAll('[data-testid="story-copy-inline"] .source')].map(e => e.textContent); return items.length === 2 ? items : null;`,
    );
    eq(JSON.stringify([...inline].sort()), JSON.stringify(['BBC News', 'Yorkshire Evening Post']), 'the copies shown');
    eq(await s.exec('return arguments[0].getAttribute("aria-expanded");', [elementRef(toggleEl)]), 'true', 'open');
    await screenshot('stories-grouped');

    // A copy opens in the reader from the list; the reader's story section lists all three.
    await s.exec(`[...document.querySelectorAll('[data-testid="story-copy-inline"]')].find(b => b.querySelector('.source').textContent === 'BBC News').click();`);
    await s.until('the BBC copy in the reader', `return document.querySelector('#title')?.value === arguments[0];`, [FLOOD_BBC]);
    await clickRow(FLOOD);
    await s.until('the original in the reader', `return document.querySelector('#title')?.value === arguments[0];`, [FLOOD]);
    await s.until('three copies in the story section', `return document.querySelectorAll('[data-testid="story-copy"]').length === 3;`);
    const copies = await s.exec(
      `return [...document.querySelectorAll('[data-testid="story-copy"]')].map(li => ({ source: li.querySelector('.source').textContent, text: li.textContent }));`,
    );
    const bySource = Object.fromEntries(copies.map((c) => [c.source, c.text]));
    assert(bySource.Reuters.includes('first'), `the original had it first: ${bySource.Reuters}`);
    assert(/leaves out \d+ words of the lead/.test(bySource['BBC News']), `the cut copy says what it leaves out: ${bySource['BBC News']}`);
    assert(bySource['Yorkshire Evening Post'].includes('Adds “A rest centre was opened'), `the local copy shows its added sentence: ${bySource['Yorkshire Evening Post']}`);
    const related = await s.until('related reporting', `return [...document.querySelectorAll('[data-testid="related-item"] .title')].map(e => e.textContent).join('|') || null;`);
    assert(related.includes(INSURERS), `the other report is related: ${related}`);
    await s.exec(`document.querySelector('[data-testid="story-panel"]').scrollIntoView({ block: 'start' });`);
    await screenshot('story-panel');

    // The BBC copy is kept: it stands for the story in the grouped list.
    await storyAction('BBC News', 'keep-copy');
    await s.until('the kept copy leading the list', `return [...document.querySelectorAll('[data-testid="clipping-row"] .title')].some(e => e.textContent === arguments[0]);`, [FLOOD_BBC]);
    eq(await rowOf(FLOOD), null, 'the original is grouped under the kept copy');
    eq(await inputValue('#title'), FLOOD, 'the reader stays on the clipping it showed');

    // The local copy is split out: it is a row (a story) of its own.
    await storyAction('Yorkshire Evening Post', 'split-copy');
    await waitForListLabel('6 stories');
    assert(await rowOf(FLOOD_LOCAL), 'the split copy is its own row');
    await s.until('two copies left in the story', `return document.querySelectorAll('[data-testid="story-copy"]').length === 2;`);
    await s.until(
      'the story now carried by 2 outlets',
      `return [...document.querySelectorAll('[data-testid="clipping-row"]')].find(r => r.querySelector('.title').textContent === arguments[0])?.querySelector('[data-testid="story-toggle"]')?.textContent.includes('carried by 2 outlets');`,
      [FLOOD_BBC],
    );
    await s.exec(`document.querySelector('[data-testid="story-panel"]')?.scrollIntoView({ block: 'start' });`);
    await screenshot('story-split');

    // Selected together, the two are merged back into one story.
    await clickRow(FLOOD_BBC);
    await clickRow(FLOOD_LOCAL, KEYS.control);
    await s.click(await s.waitFor('#bulk-merge'));
    await waitForListLabel('5 stories');
    eq(await rowOf(FLOOD_LOCAL), null, 'the merged copy is grouped again');
    await s.until('three copies again', `return document.querySelectorAll('[data-testid="story-copy"]').length === 3;`);
    await screenshot('stories-merged');
    // The merge is undone from its notice: the local copy is a story of its own again.
    await s.exec(`[...document.querySelectorAll('[data-testid="notices"] button, .notices button, button')].filter(b => b.textContent.trim() === 'Undo').pop().click();`);
    await waitForListLabel('6 stories');
    assert(await rowOf(FLOOD_LOCAL), 'the copy is its own row again after the undo');

    // Grouping off: every clipping is a row again (the library remembers the choice).
    await s.click(await s.find('#group-copies'));
    await waitForCount(7);
  }],

  ['topics learned from the filing are suggested for an unfiled clipping and accepted with a click', async () => {
    await waitForCount(7);
    // No topic has enough clippings yet: the reader offers nothing, the list no filter for it.
    eq(await s.exec(`return document.querySelector('[data-testid="suggestions"]') === null && document.querySelector('#has-suggestions') === null;`), true, 'no suggestions before any topic is learned');
    let n = 7;
    for (const [clips, topic] of [[FOOTBALL, 'Sport/Football'], [MARKETS, 'Business/Markets']]) {
      for (const clip of clips) {
        await pasteClipping(clip);
        await tagInReader(topic);
        n += 1;
        await waitForCount(n);
      }
    }
    await pasteClipping(UNFILED);
    await waitForCount(n + 1);
    // Learned in the background a moment after the last tag; the open clipping's chips follow.
    await s.until(
      'a ticked suggestion of Sport/Football in the reader',
      `return [...document.querySelectorAll('[data-testid="suggestion-chip"]')].some(b => b.dataset.tag === 'Sport/Football' && b.dataset.suggested === 'true');`,
      [],
      20000,
    );
    const offered = await suggestionChips();
    assert(!offered.some((c) => c.tag === 'Business/Markets' && c.ticked), `Business/Markets is not offered ticked: ${JSON.stringify(offered)}`);
    eq(await s.exec(`return document.querySelectorAll('[data-testid="tag-editor"] > .chip').length;`), 0, 'tags on the unfiled clipping');
    // Focus (as hover) explains the suggestion: the clipping's words, and the score.
    await s.exec(`document.querySelector('[data-testid="suggestion-chip"][data-tag="Sport/Football"]').focus();`);
    const tip = await s.until(
      'the explanation of the suggestion',
      `const b = document.querySelector('[data-testid="suggestion-chip"][data-tag="Sport/Football"]'); const t = document.getElementById(b.getAttribute('aria-describedby')); return t && getComputedStyle(t).display !== 'none' ? t.textContent : null;`,
    );
    assert(/Suggested from: .*(league|striker|goal|winger|penalty)/.test(tip) && /score \d\.\d\d/.test(tip), `the tooltip explains the suggestion: ${tip}`);
    await screenshot('suggestions');

    // "Has suggestions" narrows the list to the inbox clippings offered a topic: the query the
    // list runs is the search's is:suggested (removed with its chip like any other filter).
    await s.click(await s.waitFor('#has-suggestions'));
    await s.waitFor('[data-testid="filter-chips"]', async (el) => (await s.text(el)).includes('Has suggestions'));
    await s.until(
      'the unfiled clipping in the narrowed list',
      `return [...document.querySelectorAll('[data-testid="clipping-row"] .title')].some(t => t.textContent === arguments[0]);`,
      [UNFILED.title],
      20000,
    );
    const narrowed = await listCount();
    // The clippings filed by hand are offered nothing more: they are not in the narrowed list.
    eq(
      await s.exec(
        `const shown = [...document.querySelectorAll('[data-testid="clipping-row"] .title')].map(t => t.textContent); return arguments[0].filter(t => shown.includes(t)).join(' | ');`,
        [[...FOOTBALL, ...MARKETS].map((c) => c.title)],
      ),
      '',
      'filed clippings in the "Has suggestions" list',
    );
    await screenshot('has-suggestions');
    await s.click(await s.find('[data-testid="filter-chips"] button[aria-label="Remove filter Has suggestions"]'));
    await waitForCount(n + 1);
    eq(await s.property(await s.find('#has-suggestions'), 'checked'), false, 'the toggle after its chip is removed');
    const search = await s.find('#search');
    await s.click(search);
    await s.type(search, `is:suggested${KEYS.enter}`);
    await waitForListLabel(narrowed);
    await s.exec(`document.activeElement?.blur();`);

    // One click files it under the topic: the tag is on the clipping, the chip is gone.
    await clickRow(UNFILED.title);
    await s.until('the unfiled clipping in the reader', `return document.querySelector('#title')?.value === arguments[0];`, [UNFILED.title]);
    const chip = await s.waitFor('[data-testid="suggestion-chip"][data-tag="Sport/Football"]', async () => true, 10000);
    await s.click(chip);
    await s.until(
      'the tag Sport/Football on the clipping',
      `return [...document.querySelectorAll('[data-testid="tag-editor"] > .chip')].some(c => c.textContent.trim().startsWith('Sport/Football'));`,
    );
    eq(await s.exec(`return document.querySelector('[data-testid="suggestion-chip"][data-tag="Sport/Football"]') === null;`), true, 'the accepted chip is gone');
    await s.until('the football count in the sidebar', `return document.querySelector('[data-tag-path="Sport/Football"] .count')?.textContent === '4';`);
    await s.until(
      'the tag on the clipping’s row',
      `return [...document.querySelectorAll('[data-testid="clipping-row"]')].find(r => r.querySelector('.title').textContent === arguments[0])?.textContent.includes('Sport/Football');`,
      [UNFILED.title],
    );
    await screenshot('suggestion-accepted');
    await clearFilters();
    await waitForCount(n + 1);
  }],

  ['with filing on arrival on, a new clipping comes filed under its likely topic, marked until kept', async () => {
    const n = parseInt(await listCount(), 10);
    const toggle = await s.waitFor('#file-on-arrival');
    eq(await s.property(toggle, 'checked'), false, 'filing on arrival before it is turned on');
    await s.click(toggle);
    await s.waitFor('#review-auto-tagged');
    await pasteClipping(ARRIVING);
    await waitForCount(n + 1);
    // Put on as it was stored: the reader shows it marked, with a way to keep it.
    await s.until(
      'Sport/Football marked as put on by the model',
      `return [...document.querySelectorAll('[data-testid="auto-tag"]')].some(c => c.textContent.trim().startsWith('Sport/Football'));`,
    );
    await screenshot('auto-tagged');
    await s.click(await s.find('#review-auto-tagged'));
    await waitForCount(1);
    await s.until(
      'the new clipping in the list of those to review',
      `return [...document.querySelectorAll('[data-testid="clipping-row"] .title')].map(t => t.textContent).join('|') === arguments[0];`,
      [ARRIVING.title],
    );
    await clickRow(ARRIVING.title);
    await s.until('the new clipping in the reader', `return document.querySelector('#title')?.value === arguments[0];`, [ARRIVING.title]);
    await s.click(await s.waitFor('button[aria-label="Keep tag Sport/Football"]'));
    await s.until(
      'Sport/Football kept: a plain tag',
      `return document.querySelector('[data-testid="auto-tag"]') === null && [...document.querySelectorAll('[data-testid="tag-editor"] > .chip')].some(c => c.textContent.trim().startsWith('Sport/Football'));`,
    );
    await s.click(await s.find('#file-on-arrival'));
    await clearFilters();
    await waitForCount(n + 1);
  }],
  ['the Analysis view charts the list by source; a click on a bar lists that source, a drag narrows the dates', async () => {
    await clearFilters();
    const n = parseInt(await listCount(), 10);
    await s.click(await s.find('#open-analysis'));
    await s.waitFor('[data-testid="analysis"]', async () => true, 15000);
    await s.waitFor('[data-testid="source-chart"] canvas', async () => true, 15000);
    await s.waitFor('[data-testid="time-chart"] canvas');
    // The figures are the list's: the whole list's total, and the top source's rows.
    await s.until('the analysis total', `return document.querySelector('[data-testid="analysis"] .tile .big')?.textContent === arguments[0];`, [n.toLocaleString('en-GB')]);
    const top = await s.exec(`const r = document.querySelector('[data-testid="source-chart-table"] tr'); return { name: r.querySelector('[data-line]').dataset.line, count: r.querySelector('.num').textContent };`);
    await sleep(1500); // the bars grow in
    await screenshot('analysis');
    // The largest source is drawn first in the palette's first colour (#1f5f8b).
    let at = null;
    for (let i = 0; i < 40 && !at; i += 1) {
      at = await pixelOf('source-chart', [0x1f, 0x5f, 0x8b]);
      if (!at) await sleep(100);
    }
    assert(at, 'the top source’s bar is drawn');
    await pointer(await s.find('[data-testid="source-chart"] canvas'), [at]);
    await s.waitFor('[data-testid="filter-chips"]', async (el) => (await s.text(el)).includes(`Source: ${top.name}`));
    await waitForCount(parseInt(top.count.replace(/,/g, ''), 10));
    await screenshot('analysis-bar-clicked');
    // A drag across the middle half of the time chart sets a date range on the list.
    await s.exec(`document.querySelector('[data-split="none"]').click(); document.querySelector('[data-every="day"]').click();`);
    await sleep(1200);
    const chart = await s.find('[data-testid="time-chart"] canvas');
    const w = await s.exec(`return document.querySelector('[data-testid="time-chart"] canvas').clientWidth;`);
    await pointer(chart, [{ x: -Math.round(w / 5), y: 20 }, { x: 0, y: 20 }, { x: Math.round(w / 5), y: 20 }]);
    await s.waitFor('[data-testid="filter-chips"]', async (el) => /\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/.test(await s.text(el)));
    await screenshot('analysis-dragged');
    await s.click(await s.find('button[aria-label="Close the analysis"]'));
    await clearFilters();
    await waitForCount(n);
  }],
];

let passed = 0;
let failed = 0;
try {
  s = await Session.start(args.driver ?? 'http://127.0.0.1:4444', args.app);
  await sleep(500);
  for (const [name, run] of steps) {
    try {
      await run();
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (e) {
      failed += 1;
      console.log(`FAIL - ${name}\n    ${e.message}`);
      await screenshot('failure').catch(() => {});
    }
  }
} catch (e) {
  failed += 1;
  console.log(`FAIL - the app could not be driven: ${e.message}`);
} finally {
  await s?.end().catch(() => {});
}
if (args.result) writeFileSync(args.result, `${passed} ${failed}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
