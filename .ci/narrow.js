// The HTML at a phone's width: each file named on the command line is opened in headless
// Debian Chromium (driven by playwright-core) 400 px wide, and must not scroll sideways (a
// wide table scrolls inside its own box instead), and every chart label must stay readable
// (at least 12 px type, on a line at least 150 px wide). Prints each problem; exits 1 if any.
//
//   node .ci/narrow.js FILE.html...   (modules from .ci/.axe, installed by .ci/run)
const path = require('path');
const { chromium } = require(path.join(__dirname, '.axe/node_modules/playwright-core'));

const WIDTH = 400;

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
  let problems = 0;
  let labels = 0;
  for (const file of process.argv.slice(2)) {
    await page.goto('file://' + path.resolve(file));
    const found = await page.evaluate((width) => {
      const out = { problems: [], labels: 0 };
      const page = document.documentElement.scrollWidth;
      if (page > width) out.problems.push(`the page is ${page} px wide and scrolls sideways`);
      for (const label of document.querySelectorAll('.bars .label')) {
        out.labels += 1;
        const size = parseFloat(getComputedStyle(label).fontSize);
        const box = label.getBoundingClientRect().width;
        if (size < 12 || box < 150) {
          out.problems.push(`chart label "${label.textContent}" is ${size} px type in ${box} px`);
        }
      }
      return out;
    }, WIDTH);
    labels += found.labels;
    for (const p of found.problems) {
      problems += 1;
      console.log(`${file}: ${p}`);
    }
  }
  await browser.close();
  console.log(`${WIDTH} px: ${process.argv.length - 2} files, ${labels} chart labels, ${problems} problems`);
  process.exit(problems === 0 ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(2); });
