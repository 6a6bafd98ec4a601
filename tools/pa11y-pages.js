'use strict';
// Runs pa11y (HTML_CodeSniffer, WCAG 2 AA, errors only) on every URL given, in one headless Debian
// Chromium that serves all pages (pa11y would otherwise start a browser per page). Used by
// tests/test_site_quality.py: `node tools/pa11y-pages.js CHROMIUM URL...` prints one JSON object
// {url: [{code, message, selector, context}]} on stdout. Puppeteer's own browser download is never used
// (npm ci --ignore-scripts; the executable is passed in).
const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

async function main() {
	const [executablePath, ...urls] = process.argv.slice(2);
	const browser = await puppeteer.launch({
		executablePath,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--no-first-run', '--disable-extensions', '--mute-audio']
	});
	const found = {};
	try {
		for (const url of urls) {
			const result = await pa11y(url, {browser, standard: 'WCAG2AA', runners: ['htmlcs'],
				includeNotices: false, includeWarnings: false, timeout: 60000});
			found[url] = result.issues.filter(issue => issue.type === 'error').map(issue => ({
				code: issue.code, message: issue.message, selector: issue.selector, context: issue.context}));
		}
	} finally {
		await browser.close();
	}
	process.stdout.write(JSON.stringify(found));
}

main().catch(error => {
	process.stderr.write(String(error && error.stack || error) + '\n');
	process.exit(1);
});
