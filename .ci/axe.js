// Accessibility check of every HTML file named on the command line: axe-core in headless
// Debian Chromium (driven by playwright-core), WCAG 2.1 A and AA rules. Prints each
// violation with its rule, impact and the elements it concerns; exits 1 if there are any.
//
//   node .ci/axe.js FILE.html...   (modules from .ci/.axe, installed by .ci/run)
const path = require('path');
const { chromium } = require(path.join(__dirname, '.axe/node_modules/playwright-core'));
const axeSource = require('fs').readFileSync(
  path.join(__dirname, '.axe/node_modules/axe-core/axe.min.js'), 'utf8');

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  let violations = 0;
  for (const file of process.argv.slice(2)) {
    await page.goto('file://' + path.resolve(file));
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    for (const v of result.violations) {
      violations += 1;
      console.log(`${file}: ${v.id} (${v.impact}): ${v.help}`);
      for (const node of v.nodes.slice(0, 5)) {
        console.log(`    ${node.target.join(' ')}: ${node.failureSummary.replace(/\n/g, ' ')}`);
      }
    }
  }
  await browser.close();
  console.log(`axe: ${process.argv.length - 2} files, ${violations} violations`);
  process.exit(violations === 0 ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(2); });
