// The web page (`socialclause serve`) in a real browser: headless Debian Chromium driven by
// playwright-core walks through it as a procurement officer would. It fills the form for the
// Swedish example (finding a CPV code with the search), assesses it, unticks a clause,
// downloads the annex PDF and the procurement YAML, fills the form from a published notice,
// shows a field's error, and checks a tender document. At every state of the page axe-core
// (WCAG 2.1 A and AA) must find no violation, and at 400 px the page must not scroll sideways.
// Exits 1 on any failure.
//
//   node .ci/web.js BASE_URL OUT_DIR [SCREENSHOT.png]
//
// It writes OUT_DIR/annex.pdf, OUT_DIR/procurement.yaml and OUT_DIR/unticked (the clause
// unticked), for .ci/run to compare with what `socialclause annex` makes of the YAML, and
// OUT_DIR/page-STATE.html for each state, for the HTML checker.
const path = require('path');
const fs = require('fs');
const { chromium } = require(path.join(__dirname, '.axe/node_modules/playwright-core'));
const axeSource = fs.readFileSync(
  path.join(__dirname, '.axe/node_modules/axe-core/axe.min.js'), 'utf8');

const [base, out, shot] = process.argv.slice(2);
const root = path.join(__dirname, '..');
let failures = 0;

function fail(message) {
  failures += 1;
  console.log(`web: FAIL ${message}`);
}

function expect(condition, message) {
  if (!condition) fail(message);
}

// The page's HTML as it is now, for .ci/run to give the Nu HTML Checker; then axe and the
// 400 px check on it. The axe script is added to the page
// through Playwright (the context bypasses the page's Content-Security-Policy for that alone).
async function inspect(page, state) {
  fs.writeFileSync(path.join(out, `page-${state.replace(/ /g, '-')}.html`), await page.content());
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  for (const v of result.violations) {
    fail(`${state}: axe ${v.id} (${v.impact}): ${v.help}`);
    for (const node of v.nodes.slice(0, 5)) {
      console.log(`    ${node.target.join(' ')}: ${node.failureSummary.replace(/\n/g, ' ')}`);
    }
  }
  const size = page.viewportSize();
  await page.setViewportSize({ width: 400, height: 800 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide <= 400, `${state}: at 400 px the page is ${wide} px wide`);
  await page.setViewportSize(size);
  console.log(`web: ${state}: axe ${result.violations.length} violations, ${wide} px at 400`);
}

async function submit(page, button) {
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), button.click()]);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({
    locale: 'sv-SE', bypassCSP: true, acceptDownloads: true,
    viewport: { width: 1100, height: 900 },
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`script error: ${e.message}`));

  // 1. The empty form, in Swedish because the browser asks for Swedish.
  await page.goto(base + '/');
  expect(await page.textContent('h1') === 'Bilaga med sociala krav', 'the page is not Swedish');
  await inspect(page, 'empty form');

  // 2. The Swedish example, typed in.
  await page.fill('#f-title', 'Skötsel av parker och grönytor');
  await page.fill('#f-id', 'KS-2026/0142');
  await page.selectOption('#f-jurisdiction', 'se');
  await page.fill('#f-authority_name', 'Norrköpings kommun');
  await page.selectOption('#f-authority_kind', 'sub-central');
  await page.fill('#f-authority_region', 'Östergötland');
  await page.fill('#f-date', '2026-11-26');
  await page.selectOption('#f-type', 'services');
  // The CPV search answers as one types (the script), and its button adds the code.
  await page.fill('#f-cpv_query', 'parkskötsel');
  const add = page.locator('#cpv-found button').first();
  await add.waitFor({ timeout: 5000 });
  await add.click();
  expect((await page.inputValue('#f-cpv')).includes('77313000'), 'the CPV search did not add 77313000');
  await page.fill('#f-cpv', (await page.inputValue('#f-cpv')) + ', 77310000-6');
  await page.fill('#f-description', 'Skötsel av parker, grönytor och lekplatser: gräsklippning, plantering,\n'
    + 'beskärning, renhållning och vinterväghållning av gång- och cykelvägar i parkerna.');
  await page.fill('#f-amount', '12 000 000');
  await page.selectOption('#f-currency', 'SEK');
  await page.fill('#f-duration_months', '48');
  await page.selectOption('#f-procedure', 'open');
  await page.fill('#f-tender_period_days', '30');
  // Two lots, each added with the form's button (the page comes back with a new row).
  await submit(page, page.locator('button[value="add-lot"]'));
  await submit(page, page.locator('button[value="add-lot"]'));
  await page.fill('#f-lot-0-title', 'Norra distriktet');
  await page.fill('#f-lot-0-amount', '6000000');
  await page.fill('#f-lot-1-title', 'Södra distriktet');
  await page.fill('#f-lot-1-amount', '6000000');
  for (const p of ['long-term-unemployed', 'young-people', 'disabled-people']) {
    await page.check(`#f-priority-${p}`);
  }
  await page.fill('#f-min_turnover', '30000000');
  await page.fill('#f-min_years_trading', '3');
  await page.fill('#f-award_price', '60');
  await page.fill('#f-award_quality', '30');
  await page.fill('#f-award_social', '10');
  await page.selectOption('#f-market_engagement', 'no');
  await page.selectOption('#f-reserved', 'no');
  await page.selectOption('#f-subcontracting_allowed', 'yes');
  await page.fill('#f-payment_days', '30');
  await submit(page, page.locator('.actions button.primary').first());
  expect(await page.locator('#result-heading').count() === 1, 'no assessment after assessing');
  expect(await page.locator('.error-summary').count() === 0, 'errors after assessing the example');
  await inspect(page, 'assessment');
  if (shot) {
    await page.setViewportSize({ width: 1000, height: 1400 });
    await page.evaluate(() => {
      const clauses = document.querySelector('.clauses');
      window.scrollTo(0, clauses.getBoundingClientRect().top + window.scrollY - 160);
    });
    await page.screenshot({ path: shot });
    await page.setViewportSize({ width: 1100, height: 900 });
  }

  // 3. Untick the first clause the annex carries, and update.
  const first = page.locator('.clauses input[name="tick"]:checked').first();
  const unticked = await first.getAttribute('value');
  await first.uncheck();
  await submit(page, page.locator('.actions button.primary').first());
  expect(!(await page.locator(`.clauses input[name="tick"][value="${unticked}"]`).isChecked()),
    `${unticked} is ticked again after the update`);

  // 4. Downloads: the annex PDF and the procurement YAML.
  for (const [value, file] of [['annex.pdf', 'annex.pdf'], ['procurement.yaml', 'procurement.yaml']]) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`button[value="${value}"]`),
    ]);
    await download.saveAs(path.join(out, file));
  }
  fs.writeFileSync(path.join(out, 'unticked'), unticked);
  const yaml = fs.readFileSync(path.join(out, 'procurement.yaml'), 'utf8');
  expect(yaml.includes(`exclude:\n    - "${unticked}"`), `the YAML does not exclude ${unticked}`);

  // 5. A field's error, beside the field, in Swedish.
  await page.fill('#f-amount', 'tolv miljoner');
  await submit(page, page.locator('.actions button.primary').first());
  expect(await page.locator('.error-summary a[href="#f-amount"]').count() === 1,
    'no error linked to the value field');
  expect(await page.locator('#f-amount[aria-invalid="true"]').count() === 1,
    'the value field is not marked invalid');
  await inspect(page, 'field error');

  // 6. The form filled from a published notice, in English.
  await page.goto(base + '/?lang=en');
  await page.setInputFiles('#f-upload',
    path.join(root, 'tests/fixtures/ocds/scotland/ocds-r6ebe6-0000567519.json'));
  await submit(page, page.locator('.upload button'));
  expect((await page.inputValue('#f-title')).length > 0, 'the notice did not fill the title');
  expect(await page.inputValue('#f-jurisdiction') === 'scotland', 'the notice is not Scottish');
  await inspect(page, 'notice uploaded');

  // 7. A tender document checked.
  await page.goto(base + '/check');
  await page.setInputFiles('#f-file', path.join(root, 'tests/fixtures/check/tender.docx'));
  await submit(page, page.locator('form button.primary'));
  expect(await page.locator('#check-result').count() === 1, 'no check result');
  await inspect(page, 'check result');

  await browser.close();
  console.log(`web: ${failures} failures`);
  process.exit(failures === 0 ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(2); });
