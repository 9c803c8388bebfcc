// Drive a headless chromium over the DevTools protocol (no modules: the
// WebSocket of node --experimental-websocket) on an arxiv-render page.
//
//   node --experimental-websocket render_browser.js WS_URL PAGE NDJSON WORD [SHOTS]
//
// Prints "ok - ..." / "not ok - ..." lines: every paper and its rendered
// summary are in the DOM after scripts ran, no script from the records
// ran, typing WORD in the filter box hides exactly the papers without it,
// and without JavaScript the page is complete.  With SHOTS, phone- and
// desktop-sized screenshots are written there.
'use strict';
const fs = require('fs');
const [wsUrl, page, ndjson, word, shots] = process.argv.slice(2);

const papers = fs.readFileSync(ndjson, 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l)).filter((p) => p.kind === 'paper' && !p.dropped);
let failed = 0;
const ok = (what, cond) => {
	console.log((cond ? 'ok - ' : 'not ok - ') + 'browser: ' + what);
	if (!cond) failed++;
};

const ws = new WebSocket(wsUrl);
let seq = 0;
const waiting = new Map();
const events = [];
ws.onmessage = (m) => {
	const msg = JSON.parse(m.data);
	if (msg.id && waiting.has(msg.id)) {
		waiting.get(msg.id)(msg);
		waiting.delete(msg.id);
	} else if (msg.method) {
		events.push(msg);
	}
};
function send(method, params = {}) {
	return new Promise((resolve, reject) => {
		const id = ++seq;
		waiting.set(id, (msg) => msg.error ?
		    reject(new Error(method + ': ' + msg.error.message)) :
		    resolve(msg.result));
		ws.send(JSON.stringify({ id, method, params }));
	});
}
async function evaluate(expr) {
	const r = await send('Runtime.evaluate',
	    { expression: expr, returnByValue: true, awaitPromise: true });
	if (r.exceptionDetails)
		throw new Error(expr + ': ' + r.exceptionDetails.text);
	return r.result.value;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function load(url) {
	events.length = 0;
	await send('Page.navigate', { url });
	for (let i = 0; i < 100; i++) {
		if (events.some((e) => e.method === 'Page.loadEventFired'))
			return;
		await sleep(50);
	}
	throw new Error('page did not load');
}
// What a reader sees of a string: whitespace collapsed.
const seen = (s) => (s || '').replace(/[\u0000-\u001f\u007f\ufffe\uffff]/g, '')
    .replace(/\s+/g, ' ').trim();

async function main() {
	await send('Page.enable');
	await send('Runtime.enable');
	// Anything the records could run would call one of these.
	await send('Page.addScriptToEvaluateOnNewDocument', { source:
	    'window.__ran = 0; for (const f of ["alert", "confirm", "prompt"])' +
	    ' window[f] = () => { window.__ran++; };' });
	const url = 'file://' + page;
	await load(url);

	const dom = await evaluate(`(() => {
		const a = [...document.querySelectorAll('article.paper')];
		return {
			n: a.length,
			titles: a.map((x) => x.querySelector('h2').textContent),
			summaries: a.map((x) => { const s = x.querySelector('.summary');
			    return s ? s.textContent.trim().length : -1; }),
			tables: a.map((x) => x.querySelectorAll('.summary table').length),
			scripts: document.scripts.length,
			handlers: [...document.querySelectorAll('*')].filter((e) =>
			    [...e.attributes].some((t) => /^on/i.test(t.name))).length,
			bad: [...document.querySelectorAll('a[href], [src]')].filter((e) =>
			    !/^(https?:|mailto:)/i.test(e.getAttribute('href') ||
			    e.getAttribute('src'))).length,
			media: document.querySelectorAll('img, iframe, object, embed, svg').length,
			ran: window.__ran,
			filter: !!document.getElementById('filter') &&
			    !document.getElementById('filter').closest('[hidden]'),
		};
	})()`);
	ok(`all ${papers.length} papers are in the DOM (${dom.n})`, dom.n === papers.length);
	let titles = 0, sums = 0, want = 0, tables = 0, wantTables = 0;
	papers.forEach((p, i) => {
		if (dom.titles[i] && seen(dom.titles[i]).includes(seen(p.title)))
			titles++;
		if (p.summary && p.summary.text) {
			want++;
			if (dom.summaries[i] > 0)
				sums++;
			if (/\n\|.*\|\n\|[-| :]+\|/.test('\n' + p.summary.text)) {
				wantTables++;
				if (dom.tables[i] > 0)
					tables++;
			}
		}
	});
	ok(`every title as written, in order (${titles}/${papers.length})`, titles === papers.length);
	ok(`every summary rendered (${sums}/${want})`, sums === want && want > 0);
	ok(`every summary table rendered as a table (${tables}/${wantTables})`, tables === wantTables);
	ok(`one script, the page's own (${dom.scripts})`, dom.scripts === 1);
	ok(`no event handler attribute (${dom.handlers})`, dom.handlers === 0);
	ok(`no link or source but http, https, mailto (${dom.bad})`, dom.bad === 0);
	ok(`nothing loaded from elsewhere (${dom.media} media elements)`, dom.media === 0);
	ok(`no script from the records ran (${dom.ran} calls)`, dom.ran === 0);
	ok('the filter box is shown once the script ran', dom.filter);

	// Type a word: only the papers holding it stay.
	const holds = (p, w) => [p.title, p.abstract, (p.authors || []).join(' '),
	    p.summary && p.summary.text].some((s) => s && s.toLowerCase().includes(w));
	const expect = papers.map((p) => holds(p, word.toLowerCase()));
	await evaluate(`document.getElementById('filter').focus()`);
	await send('Input.insertText', { text: word });
	const shown = await evaluate(`[...document.querySelectorAll('article.paper')]
	    .map((a) => !a.hidden && a.offsetParent !== null)`);
	const nshown = shown.filter(Boolean).length;
	const nwant = expect.filter(Boolean).length;
	ok(`typing "${word}" leaves the ${nwant} papers with it (${nshown})`,
	    nwant > 0 && nwant < papers.length &&
	    shown.every((v, i) => v === expect[i]));
	if (shots) {
		for (const [name, w, h, mobile] of [['phone', 390, 844, true],
		    ['desktop', 1280, 900, false]]) {
			await send('Emulation.setDeviceMetricsOverride',
			    { width: w, height: h, deviceScaleFactor: 1, mobile });
			await sleep(200);
			const png = await send('Page.captureScreenshot', { format: 'png' });
			fs.writeFileSync(`${shots}/render-${name}.png`,
			    Buffer.from(png.data, 'base64'));
		}
		await send('Emulation.clearDeviceMetricsOverride');
	}
	await evaluate(`(() => { const f = document.getElementById('filter');
	    f.value = ''; f.dispatchEvent(new Event('input')); })()`);
	let back = await evaluate(`[...document.querySelectorAll('article.paper')]
	    .filter((a) => !a.hidden).length`);
	ok(`clearing the box shows all again (${back})`, back === papers.length);
	await send('Input.insertText', { text: 'zzqqxxnotaword' });
	const none = await evaluate(`({ n: [...document.querySelectorAll('article.paper')]
	    .filter((a) => !a.hidden).length,
	    msg: !document.getElementById('nomatch').hidden })`);
	ok('a word no paper has hides them all and says so', none.n === 0 && none.msg);

	// Without JavaScript: every paper, and no filter box.
	await send('Emulation.setScriptExecutionDisabled', { value: true });
	await load(url);
	const nojs = await evaluate(`({ n: document.querySelectorAll('article.paper').length,
	    box: !document.getElementById('filter').closest('[hidden]') })`)
	    .catch(() => null);
	// Runtime.evaluate still runs with page scripts disabled.
	ok('without JavaScript every paper is there and the box is not',
	    nojs !== null && nojs.n === papers.length && !nojs.box);
}

ws.onopen = () => main().catch((e) => {
	console.log('not ok - browser: ' + e.message);
	failed++;
}).finally(() => {
	ws.close();
	process.exit(failed ? 1 : 0);
});
ws.onerror = (e) => {
	console.log('not ok - browser: cannot connect: ' + (e.message || e));
	process.exit(1);
};
