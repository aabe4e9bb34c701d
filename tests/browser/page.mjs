// page.mjs: one browser test of the search page, in Debian's headless
// Chromium driven by playwright-core: `node page.mjs TEST BASE_URL`.
// Prints what it saw and exits 0 when the test holds, 1 when not (with
// the reason), 77 when no browser can be started.  check_browser.c runs
// each test against a server over the bundled corpus.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const [name, base, shots] = process.argv.slice(2);
const executablePath = process.env.OFS_CHROMIUM || '/usr/bin/chromium';

const status = (page) => page.locator('#status').textContent();
const councilCount = (page, council) =>
	page.locator(`input[data-facet="council"][data-value="${council}"] + label .count`).textContent();

/* Wait until the page shows the answer for what was typed last. */
async function settled(page) {
	await page.waitForFunction(() => !document.querySelector('#status').textContent.startsWith('Type'));
	await page.waitForLoadState('networkidle');
}

/* Wait (10 s at most) until the status counts n paragraphs: on a busy
 * machine the answer may come after the network has gone quiet; the
 * assertion after it says what was shown instead. */
async function shows(page, n) {
	await page.waitForFunction((k) => parseInt(document.querySelector('#status').textContent
		.replace(/,/g, ''), 10) === k, n, {timeout: 10000}).catch(() => {});
}

/* Wait (10 s at most) until the status counts other than n paragraphs:
 * after a click, the network may go quiet before the page has asked. */
async function leaves(page, n) {
	await page.waitForFunction((k) => parseInt(document.querySelector('#status').textContent
		.replace(/,/g, ''), 10) !== k, n, {timeout: 10000}).catch(() => {});
}

const tests = {
	async typing_letter_by_letter_updates_results_and_counts(page) {
		await page.goto(base);
		const seen = new Set(), counts = new Set();
		for (const ch of 'front door weak') {
			await page.locator('#q').press(ch === ' ' ? 'Space' : ch);
			await settled(page);
			seen.add(await status(page));
			counts.add(await councilCount(page, 'North Somerset').catch(() => 'absent'));
		}
		console.log('statuses:', [...seen].join(' | '));
		console.log('North Somerset counts:', [...counts].join(' | '));
		assert.ok(seen.size >= 3, 'the result count changed as letters were typed');
		assert.ok(counts.size >= 2, 'the facet counts changed as letters were typed');
		assert.match(page.url(), /[?&]q=front\+door\+weak/);
		assert.ok(await page.locator('.result mark').count() > 0, 'matched words are marked');
		/* The layout holds still while typing: the results start where they did. */
		const top = await page.locator('#results').boundingBox();
		await page.locator('#q').press('n');
		await settled(page);
		assert.equal((await page.locator('#results').boundingBox()).y, top.y);
		if (shots) await page.screenshot({path: `${shots}/search-typing.png`});
	},

	async a_question_naming_a_grade_says_how_it_was_read(page) {
		await page.goto(base + '?q=children');
		await settled(page);
		const before = parseInt((await status(page)).replace(/,/g, ''), 10);
		await page.locator('#q').fill('councils rated good children');
		await page.waitForURL(/q=councils\+rated\+good\+children/);
		await settled(page);
		await leaves(page, before);
		const after = parseInt((await status(page)).replace(/,/g, ''), 10);
		const hint = await page.locator('#hint').textContent();
		console.log(`children: ${before} paragraphs; councils rated good children: ${after}; hint: ${hint}`);
		assert.match(hint, /Read as: grade good\./);
		assert.ok(after > 0 && after < before);
		const grades = await page.locator('.result .grade').allTextContents();
		assert.ok(grades.length > 0 && grades.every((g) => g === 'Good'), grades.join(','));
	},

	async ticking_a_facet_narrows_the_results(page) {
		await page.goto(base + '?q=children');
		await settled(page);
		const before = parseInt((await status(page)).replace(/,/g, ''), 10);
		await page.locator('input[data-facet="grade"][data-value="requires-improvement"]').check();
		await page.waitForURL(/grade=requires-improvement/);
		await settled(page);
		await leaves(page, before);
		const after = parseInt((await status(page)).replace(/,/g, ''), 10);
		console.log(`children: ${before} paragraphs, requires improvement: ${after}`);
		assert.ok(after > 0 && after < before);
		const grades = await page.locator('.result .grade').allTextContents();
		assert.ok(grades.length > 0 && grades.every((g) => g === 'Requires improvement'), grades.join(','));
		/* The count beside the ticked box is the total shown. */
		const boxCount = await page.locator('input[data-value="requires-improvement"] + label .count').textContent();
		assert.equal(parseInt(boxCount.replace(/,/g, ''), 10), after);
		/* Another grade ticked too: either of them, counted as before. */
		const other = parseInt((await page.locator('input[data-value="none"] + label .count')
			.textContent()).replace(/,/g, ''), 10);
		await page.locator('input[data-facet="grade"][data-value="none"]').check();
		await page.waitForURL(/grade=requires-improvement%3Bnone/);
		await settled(page);
		await shows(page, after + other);
		const both = parseInt((await status(page)).replace(/,/g, ''), 10);
		console.log(`then not judged too (${other}): ${both}`);
		assert.equal(both, after + other);
		const two = await page.locator('.result .grade').allTextContents();
		assert.ok(two.every((g) => g === 'Requires improvement' || g === 'Not judged'), two.join(','));
		assert.ok(two.includes('Not judged'), two.join(','));
		assert.equal(await page.locator('#active .chip').count(), 2);
		await page.locator('#active .chip', {hasText: 'Not judged'}).click();
		await page.waitForURL((u) => !/none/.test(u.href));
		await settled(page);
		await shows(page, after);
		assert.equal(parseInt((await status(page)).replace(/,/g, ''), 10), after);
		/* Bookmarkable: the same URL opened afresh shows the same. */
		const again = await page.context().browser().newPage();
		await again.goto(page.url());
		await settled(again);
		await shows(again, after);
		assert.equal(await status(again), await status(page));
		assert.ok(await again.locator('input[data-value="requires-improvement"]').isChecked());
		/* The filter's chip lifts it again. */
		await page.locator('#active .chip', {hasText: 'Requires improvement'}).click();
		await page.waitForURL((u) => !/grade=/.test(u.href));
		await settled(page);
		await shows(page, before);
		assert.equal(parseInt((await status(page)).replace(/,/g, ''), 10), before);
	},

	async a_citation_opens_the_report_at_its_page(page) {
		await page.goto(base + '?q=quokkaplanning');
		await settled(page);
		const link = page.locator('.result a.citation').first();
		const href = await link.getAttribute('href');
		console.log('citation:', href, await link.textContent());
		assert.match(href, /^\/report\/[0-9a-f]{16}#page=2$/);
		const ofsted = await page.locator('.result a.ofsted').first().getAttribute('href');
		assert.equal(ofsted, 'https://reports.ofsted.gov.uk/provider/44/12345');
		const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
		await popup.waitForLoadState('commit').catch(() => {});
		console.log('opened:', popup.url());
		assert.ok(popup.url().endsWith(href), popup.url());
		const r = await page.request.get(base.replace(/\/$/, '') + href.replace(/#.*/, ''));
		assert.equal(r.status(), 200);
		assert.equal(r.headers()['content-type'], 'application/pdf');
		assert.equal((await r.body()).subarray(0, 5).toString(), '%PDF-');
	},

	async a_councils_grade_history_shows_a_chart(page) {
		await page.goto(base + '?q=front+door');
		await settled(page);
		await page.locator('.result a.council', {hasText: 'North Somerset'}).first().click();
		await page.waitForURL(/view=council/);
		await page.locator('svg.grade-chart').waitFor();
		const dots = await page.locator('svg.grade-chart circle.dot').count();
		const cols = await page.locator('svg.grade-chart text.col').allTextContents();
		console.log(`chart: ${dots} grades over ${cols.join(', ')}`);
		assert.ok(dots >= 3 && cols.length >= 2);
		assert.equal(await page.locator('#council-name').textContent(), 'North Somerset');
		/* The theme typed in the search box follows along as the timeline. */
		await page.locator('#timeline .result').first().waitFor();
		assert.ok(await page.locator('#timeline .result').count() >= 1);
		if (shots) await page.screenshot({path: `${shots}/council-history.png`, fullPage: true});
		/* Back to the search, as it was. */
		await page.goBack();
		await page.waitForURL((u) => !/view=council/.test(u.href));
	},

	async a_question_about_change_opens_the_councils_history(page) {
		await page.goto(base + '?q=' + encodeURIComponent("how has North Somerset's front door changed since 2017?"));
		await settled(page);
		const hint = await page.locator('#hint').textContent();
		console.log('hint:', hint);
		assert.match(hint, /Read as: council North Somerset, from 2017\./);
		const link = page.locator('#hint a.change');
		assert.equal(await link.textContent(), "How North Somerset's reports changed: front door, report by report →");
		await link.click();
		await page.waitForURL(/view=council/);
		assert.match(page.url(), /theme=front\+door/);
		await page.locator('svg.grade-chart').waitFor();
		assert.equal(await page.locator('#council-name').textContent(), 'North Somerset');
		assert.equal(await page.locator('#theme').inputValue(), 'front door');
		await page.locator('#timeline .result').first().waitFor();
		const dates = await page.locator('#timeline .result .date').allTextContents();
		console.log('timeline:', dates.join(', '));
		assert.ok(dates.length >= 2, 'front door in more than one report');
		/* A question with nothing else to ask about: the grades alone. */
		await page.goto(base + '?q=' + encodeURIComponent('has North Somerset got better'));
		await settled(page);
		assert.equal(await page.locator('#hint a.change').textContent(), "How North Somerset's reports changed →");
		/* Words of change without a council are words. */
		await page.goto(base + '?q=' + encodeURIComponent('how has practice changed'));
		await settled(page);
		assert.equal(await page.locator('#hint a.change').count(), 0);
	},

	async a_query_of_filters_alone_lists_the_reports(page) {
		await page.goto(base + '?q=' + encodeURIComponent('which councils require improvement?'));
		await settled(page);
		const hint = await page.locator('#hint').textContent();
		console.log('hint:', hint, '|', await status(page));
		assert.match(hint, /Read as: grade requires-improvement\./);
		await page.locator('#hint a.listing').click();
		await page.waitForURL(/view=reports/);
		await page.locator('#report-list tbody tr').first().waitFor();
		const rows = await page.locator('#report-list tbody tr').count();
		const overall = await page.locator('#report-list tbody tr td:nth-child(4)').allTextContents();
		console.log(`${await page.locator('#reports-status').textContent()}: overall ${overall.join(', ')}`);
		assert.equal(await page.locator('#reports-title').textContent(), 'Reports: grade requires-improvement');
		assert.equal(await page.locator('#reports-status').textContent(), `${rows} report${rows === 1 ? '' : 's'}`);
		assert.ok(rows >= 2 && overall.every((g) => g === 'Requires improvement'), overall.join(','));
		if (shots) await page.screenshot({path: `${shots}/reports.png`, fullPage: true});
		/* "Now": each council's newest report only, fewer of them. */
		await page.goto(base + '?view=reports&q=' + encodeURIComponent('which councils require improvement now?'));
		await page.locator('#report-list tbody tr').first().waitFor();
		await page.waitForLoadState('networkidle');
		const now = await page.locator('#report-list tbody tr td:first-child').allTextContents();
		console.log('now:', now.join(', '));
		assert.equal(await page.locator('#reports-title').textContent(),
			'Reports: grade requires-improvement, latest reports');
		assert.ok(now.length >= 1 && now.length < rows && new Set(now).size === now.length, now.join(','));
		await page.goBack();
		await page.waitForURL((u) => !/now/.test(u.href));
		await page.locator('#report-list tbody tr').first().waitFor();
		/* A council in the list opens its page; back twice is the search. */
		await page.locator('#report-list a.council').first().click();
		await page.waitForURL(/view=council/);
		await page.locator('svg.grade-chart').waitFor();
		await page.goBack();
		await page.waitForURL(/view=reports/);
		await page.locator('#reports-back').click();
		await page.waitForURL((u) => !/view=/.test(u.href));
		await settled(page);
		assert.equal(await page.locator('#q').inputValue(), 'which councils require improvement?');
	},

	async a_hostile_paragraph_renders_as_text(page) {
		let dialogs = 0;
		page.on('dialog', (d) => { dialogs++; d.dismiss(); });
		await page.goto(base + '?q=zebracrossing');
		await settled(page);
		const snippet = await page.locator('.result .snippet').first().textContent();
		console.log('snippet:', snippet);
		assert.ok(snippet.includes('<script>alert(1)</script>'));
		assert.ok(snippet.includes('<img src=x onerror=alert(2)>'));
		assert.equal(await page.locator('#results script, #results img').count(), 0);
		/* A query is text too. */
		await page.goto(base + '?q=' + encodeURIComponent('<img src=x onerror=alert(3)>'));
		await settled(page);
		assert.equal(await page.locator('#q').inputValue(), '<img src=x onerror=alert(3)>');
		assert.equal(await page.locator('body img').count(), 0);
		await page.waitForTimeout(300);
		assert.equal(dialogs, 0, 'no script ran');
	},

	async the_page_is_usable_on_a_phone(page) {
		await page.setViewportSize({width: 390, height: 800});
		await page.goto(base + '?q=care+leavers');
		await settled(page);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
		/* Keyboard: "/" focuses the search box. */
		await page.locator('body').click({position: {x: 5, y: 300}});
		await page.keyboard.press('/');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
	},
};

if (!tests[name]) {
	console.error(`page.mjs: no test ${name}; tests: ${Object.keys(tests).join(' ')}`);
	process.exit(2);
}
let browser;
try {
	browser = await chromium.launch({executablePath, args: ['--no-sandbox']});
} catch (e) {
	console.log(`page.mjs: no browser (${executablePath}): ${e.message.split('\n')[0]}`);
	process.exit(77);
}
try {
	const page = await browser.newPage({viewport: {width: 1280, height: 900}});
	const errors = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await tests[name](page);
	assert.deepEqual(errors, [], 'no script errors');
	console.log(`${name}: ok`);
} catch (e) {
	console.log(`${name}: FAILED: ${e.message}`);
	process.exitCode = 1;
} finally {
	await browser.close();
}
