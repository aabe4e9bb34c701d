// screenshots.mjs: the screenshots in docs/screenshots/, of a server over
// the shared sample: `node screenshots.mjs http://127.0.0.1:8080/ OUTDIR`.
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
const browser = await chromium.launch({executablePath: process.env.OFS_CHROMIUM || '/usr/bin/chromium',
	args: ['--no-sandbox']});
const page = await browser.newPage({viewport: {width: 1280, height: 860}});
await page.goto(base);
/* Mid-typing: the last word is still being typed. */
await page.locator('#q').pressSequentially('front door weak', {delay: 80});
await page.waitForLoadState('networkidle');
await page.waitForTimeout(500);
await page.screenshot({path: `${out}/search-typing.png`});
await page.goto(base + '?view=council&council=Norfolk&theme=front+door');
await page.waitForLoadState('networkidle');
await page.screenshot({path: `${out}/council-history.png`, fullPage: true});
await page.goto(base + '?view=reports&q=' + encodeURIComponent('which councils are inadequate?'));
await page.waitForLoadState('networkidle');
await page.screenshot({path: `${out}/reports.png`});
await page.setViewportSize({width: 390, height: 844});
await page.goto(base + '?q=care+leavers+accommodation&grade=inadequate');
await page.waitForLoadState('networkidle');
await page.screenshot({path: `${out}/phone.png`});
await browser.close();
