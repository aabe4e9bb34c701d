/*
 * app.js: the search page.  The state (query and filters) lives in the
 * URL, so that a search can be bookmarked; every keystroke asks the API
 * (docs/http.md) again, the last word as a prefix, and only the latest
 * answer is shown.  Text from reports and queries only ever becomes text
 * nodes: the one markup taken from the API is the snippet's <mark>, which
 * is rebuilt here, not parsed.
 */
'use strict';

const FACETS = ['council', 'grade', 'area', 'kind', 'year'];
const KINDS = ['ilacs-standard', 'ilacs-short', 'sif', 'pre-2013', 'focused-visit',
	'ofsted-letter', 'council-report', 'news', 'other'];
const GRADES = ['outstanding', 'good', 'requires-improvement', 'adequate', 'inadequate', 'none'];
const AREAS = {
	overall: 'Overall effectiveness', leaders: 'Leadership', 'help-protection': 'Help and protection',
	'in-care': 'Children in care', 'care-leavers': 'Care leavers', adoption: 'Adoption',
	lscb: 'Safeguarding board', other: 'Other',
};
/* The report JSON's keys for the same areas, in chart order. */
const JUDGEMENTS = [['overall', 'Overall'], ['leaders', 'Leadership'],
	['help_protection', 'Help and protection'], ['in_care', 'Children in care'],
	['care_leavers', 'Care leavers'], ['adoption', 'Adoption'], ['lscb', 'LSCB']];
const GRADE_LEVEL = {outstanding: 4, good: 3, adequate: 2.5, 'requires-improvement': 2, inadequate: 1};
const LABELS = {
	grade: {outstanding: 'Outstanding', good: 'Good', 'requires-improvement': 'Requires improvement',
		adequate: 'Adequate', inadequate: 'Inadequate', none: 'Not judged'},
	area: AREAS,
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
	const e = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === null || v === undefined || v === false) continue;
		if (k === 'class') e.className = v;
		else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
		else e.setAttribute(k, v === true ? '' : v);
	}
	for (const c of children)
		if (c !== null && c !== undefined && c !== false)
			e.append(c instanceof Node ? c : String(c));
	return e;
}

function label(facet, value) {
	return (LABELS[facet] && LABELS[facet][value]) || value;
}

/* The API's snippet (escaped text with <mark> around matches) as nodes. */
function snippetNodes(snippet) {
	const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
	const frag = document.createDocumentFragment();
	snippet.split(/(<\/?mark>)/).reduce((marked, part) => {
		if (part === '<mark>') return true;
		if (part === '</mark>') return false;
		if (part) frag.append(marked ? el('mark', null, unescape(part)) : unescape(part));
		return marked;
	}, false);
	return frag;
}

/* Ofsted's reference number, where the file sits in a <number>_<council> folder. */
function ofstedNumber(file) {
	const m = /(?:^|\/)(\d+)_[^/]+\/[^/]+$/.exec(file || '');
	return m ? m[1] : null;
}

/* ---- state in the URL ---------------------------------------------------- */

function readState() {
	const p = new URLSearchParams(location.search);
	const s = {q: p.get('q') || '', view: p.get('view') || 'search', theme: p.get('theme') || ''};
	for (const f of FACETS) s[f] = p.get(f) || '';
	return s;
}

function stateURL(s) {
	const p = new URLSearchParams();
	if (s.view !== 'search') p.set('view', s.view);
	if (s.q) p.set('q', s.q);
	for (const f of FACETS) if (s[f]) p.set(f, s[f]);
	if (s.theme) p.set('theme', s.theme);
	const qs = p.toString();
	return '/' + (qs ? '?' + qs : '');
}

let state = readState();

function setState(changes, push) {
	state = Object.assign({}, state, changes);
	const url = stateURL(state);
	if (push) history.pushState(null, '', url);
	else history.replaceState(null, '', url);
	render();
}

/* The query as sent: an operator typed last still waits for its word
 * ("exploitation OR"), so it is left out until that word comes. */
function sent(q) {
	return q.replace(/(^|\s)(AND|OR|NOT|XOR)\s*$/, '').trimEnd();
}

/* The API arguments of the current search. */
function searchArgs(extra) {
	const p = new URLSearchParams();
	if (sent(state.q)) p.set('q', sent(state.q));
	for (const f of ['council', 'grade', 'area', 'kind']) if (state[f]) p.set(f, state[f]);
	if (state.year) {
		const [from, to] = state.year.split('-');
		p.set('from', from);
		p.set('to', to || from);
	}
	for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
	return p;
}

/* ---- asking the API: only the latest answer counts ----------------------- */

const inflight = {};

async function api(slot, path) {
	if (inflight[slot]) inflight[slot].abort();
	const ctl = new AbortController();
	inflight[slot] = ctl;
	try {
		const r = await fetch(path, {signal: ctl.signal});
		const j = await r.json();
		if (inflight[slot] !== ctl) return null;
		if (!r.ok) throw new Error(j.error || r.statusText);
		return j;
	} catch (e) {
		if (e.name === 'AbortError') return null;
		throw e;
	} finally {
		if (inflight[slot] === ctl) delete inflight[slot];
	}
}

/* ---- the search view ----------------------------------------------------- */

/* The values ticked in facet f (the API takes them as "a;b": any of them). */
function ticked(f) {
	return state[f] ? state[f].split(';') : [];
}

function facetList(name, title, counts) {
	const selected = state[name];
	const chosen = new Set(name === 'year' ? [] : ticked(name));
	const entries = Object.entries(counts || {});
	if (name === 'year') entries.sort((a, b) => b[0].localeCompare(a[0]));
	else if (name === 'grade') entries.sort((a, b) => GRADES.indexOf(a[0]) - GRADES.indexOf(b[0]));
	for (const v of chosen)
		if (!entries.some(([e]) => e === v)) entries.unshift([v, 0]);
	const list = el('ul', {class: 'facet-values'});
	for (const [value, count] of entries) {
		const inRange = name === 'year' && selected && inYearRange(value, selected);
		const id = `f-${name}-${value}`.replace(/[^A-Za-z0-9_-]/g, '_');
		const box = el('input', {type: 'checkbox', id, checked: chosen.has(value) || inRange,
			'data-facet': name, 'data-value': value,
			onchange: (e) => toggleFacet(name, value, e.target.checked)});
		list.append(el('li', null, box,
			el('label', {for: id}, el('span', {class: 'value'}, label(name, value)),
				el('span', {class: 'count'}, count.toLocaleString('en-GB')))));
	}
	if (!entries.length) list.append(el('li', {class: 'none'}, 'none'));
	return el('fieldset', {class: 'facet', 'data-facet': name}, el('legend', null, title), list);
}

function inYearRange(year, range) {
	const [from, to] = range.split('-');
	return year >= from && year <= (to || from);
}

/* Ticking values of a facet selects any of them; years make a range
 * from the earliest ticked to the latest. */
function toggleFacet(name, value, on) {
	if (name !== 'year') {
		const values = ticked(name).filter((v) => v !== value);
		if (on) values.push(value);
		return setState({[name]: values.join(';')}, true);
	}
	const years = [...document.querySelectorAll('input[data-facet="year"]:checked')]
		.map((b) => b.dataset.value).sort();
	const range = years.length ? years[0] + (years.length > 1 ? '-' + years[years.length - 1] : '') : '';
	setState({year: range}, true);
}

let kindTimer = null;

/* Kinds are counted by one count per kind, once typing pauses. */
function countKinds() {
	clearTimeout(kindTimer);
	kindTimer = setTimeout(async () => {
		const counts = {};
		await Promise.all(KINDS.map(async (k) => {
			const p = searchArgs({kind: k, limit: 0, prefix: 1});
			const j = await api('kind-' + k, '/api/search?' + p).catch(() => null);
			if (j && j.total) counts[k] = j.total;
		}));
		const old = document.querySelector('fieldset[data-facet="kind"]');
		if (old) old.replaceWith(facetList('kind', 'Kind of report', counts));
	}, state.kind ? 0 : 250);
}

function resultItem(h) {
	const cite = [h.file ? h.file.replace(/^.*\//, '') : '?'];
	if (h.page) cite.push('page ' + h.page);
	if (h.paragraph) cite.push('paragraph ' + (h.number || h.paragraph));
	const href = h.report_id ? `/report/${h.report_id}` + (h.page ? `#page=${h.page}` : '') : null;
	const number = ofstedNumber(h.file);
	const meta = el('p', {class: 'meta'},
		h.council ? councilLink(h.council, state.q) : el('span', {class: 'council'}, 'No council'),
		el('span', {class: 'date'}, h.date || 'undated'),
		h.kind && el('span', {class: 'kind'}, h.kind),
		h.area && el('span', {class: 'area'}, label('area', h.area)),
		h.grade && el('span', {class: 'grade g-' + h.grade}, label('grade', h.grade)));
	return el('li', {class: 'result'}, meta,
		h.section && el('p', {class: 'section'}, h.section),
		el('p', {class: 'snippet'}, snippetNodes(h.snippet || '')),
		el('p', {class: 'cite'},
			href ? el('a', {class: 'citation', href, target: '_blank', rel: 'noopener'}, cite.join(', '))
				: cite.join(', '),
			number && el('a', {class: 'ofsted', href: `https://reports.ofsted.gov.uk/provider/44/${number}`,
				target: '_blank', rel: 'noopener noreferrer'}, 'on Ofsted\'s site')));
}

let searches = 0;

async function runSearch() {
	const mine = ++searches;
	const p = searchArgs({prefix: 1, facets: 1, limit: 20});
	$('csv').href = '/api/search?' + searchArgs({prefix: 1, limit: 1000, format: 'csv'});
	/* A facet with values ticked counts its values as if none were, so
	 * that more can be ticked: one more request each, sent alongside. */
	const apart = ['council', 'grade', 'area'].filter((f) => state[f]).map((f) => {
		const p2 = searchArgs({prefix: 1, facets: 1, limit: 0});
		p2.delete(f);
		return api('facet-' + f, '/api/search?' + p2).then((j2) => [f, j2 && j2.facets && j2.facets[f]],
			() => [f, null]);
	});
	let j;
	try {
		j = await api('search', '/api/search?' + p);
	} catch (e) {
		$('status').textContent = e.message;
		return;
	}
	if (!j) return;
	const own = Object.fromEntries(await Promise.all(apart));
	if (mine !== searches) return; /* a newer search is on its way */
	const n = j.total;
	$('status').textContent = (state.q || Object.values(state).some(Boolean))
		? `${n.toLocaleString('en-GB')} paragraph${n === 1 ? '' : 's'}` +
		  (j.results.length < n ? `, the best ${j.results.length} shown` : '')
		: '';
	const hint = [];
	if (j.suggestion) hint.push(el('span', null, 'Did you mean: ',
		el('a', {href: stateURL(Object.assign({}, state, {q: j.suggestion})),
			onclick: (e) => { e.preventDefault(); $('q').value = j.suggestion; setState({q: j.suggestion}, true); }},
			j.suggestion), '?'));
	/* What the words were read as ("inadequate councils": grade
	 * inadequate), so a filter nobody ticked is never a surprise. */
	if (readAs(j.read)) hint.push(el('span', {class: 'read'}, ` Read as: ${readAs(j.read)}.`));
	/* Filters and nothing else asked ("which councils are outstanding?"):
	 * the reports they select are the answer. */
	if (j.read && !j.read.subject && !j.read.change) {
		const to = {view: 'reports'};
		hint.push(' ', el('a', {class: 'listing', href: stateURL(Object.assign({}, state, to)),
			onclick: (e) => { e.preventDefault(); setState(to, true); }}, 'List the reports these filters select →'));
	}
	/* A question about how a council changed ("how has Leeds improved
	 * since 2018") is answered by its page: grades over time, and what
	 * the question asks about in each report. */
	const council = j.read && j.read.change && (j.read.council || state.council);
	if (council && !council.includes(';')) {
		const to = {view: 'council', council, q: '', theme: j.read.subject || ''};
		hint.push(' ', el('a', {class: 'change', href: stateURL(to),
			onclick: (e) => { e.preventDefault(); setState(to, true); }},
			`How ${council}'s reports changed${j.read.subject ? `: ${j.read.subject}, report by report` : ''} →`));
	}
	if (j.words_missing) hint.push(el('span', null, ` The best results do not match: ${j.words_missing}.`));
	$('hint').replaceChildren(...hint);
	/* The filters in force, each with a button that lifts it (the only
	 * place they show on a phone, where the lists are folded away). */
	$('active').replaceChildren(...FACETS.flatMap((f) => (f === 'year' ? [state[f]].filter(Boolean) : ticked(f))
		.map((v) => el('button', {type: 'button', class: 'chip', title: `Remove the ${f} filter ${v}`,
			onclick: () => setState({[f]: f === 'year' ? '' : ticked(f).filter((x) => x !== v).join(';')}, true)},
			`${f}: ${label(f, v)} ×`))));
	$('results').replaceChildren(...j.results.map(resultItem));
	const f = Object.assign({}, j.facets || {});
	for (const [name, counts] of Object.entries(own)) if (counts) f[name] = counts;
	$('facet-lists').replaceChildren(
		facetList('council', 'Council', f.council),
		facetList('grade', 'Grade', f.grade),
		facetList('area', 'Judgement area', f.area),
		document.querySelector('fieldset[data-facet="kind"]') || facetList('kind', 'Kind of report', {}),
		facetList('year', 'Year', f.year));
	countKinds();
}

/* The filters a query's words were read as ("grade good, from 2017"),
 * or "" for none. */
function readAs(read) {
	return ['council', 'grade', 'area', 'from', 'to'].filter((k) => read && read[k])
		.map((k) => `${k} ${read[k]}`).concat(read && read.latest ? ['latest reports'] : []).join(', ');
}

/* ---- the reports view: what a query of filters alone selects ------------ */

async function renderReports() {
	document.title = `Reports${state.q ? ': ' + state.q : ''}: ofsearch`;
	if ($('q').value !== state.q) $('q').value = state.q;
	let j;
	try {
		j = await api('reports', '/api/reports?' + searchArgs());
	} catch (e) {
		$('reports-status').textContent = e.message;
		return;
	}
	if (!j) return;
	$('reports-title').textContent = readAs(j.read) ? `Reports: ${readAs(j.read)}` : 'Reports';
	$('reports-status').textContent = `${j.total.toLocaleString('en-GB')} report${j.total === 1 ? '' : 's'}`;
	const reports = j.reports.slice().sort((a, b) => (a.council || '').localeCompare(b.council || '') ||
		(a.date || '').localeCompare(b.date || ''));
	$('report-list').replaceChildren(...reportsTable(reports, true));
}

/* ---- the council view ---------------------------------------------------- */

/* Inspections as columns, judgement areas as rows: a dot per grade,
 * placed by level; a ring where the report says no judgement was made,
 * nothing where its framework did not have that judgement. */
function gradeChart(reports) {
	const NS = 'http://www.w3.org/2000/svg';
	const svg = (tag, attrs, text) => {
		const e = document.createElementNS(NS, tag);
		for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
		if (text !== undefined) e.textContent = text;
		return e;
	};
	const rows = JUDGEMENTS.filter(([k]) => reports.some((r) => r.grades && r.grades[k]));
	const colW = 110, rowH = 40, left = 150, top = 44;
	const w = left + Math.max(1, reports.length) * colW + 20, h = top + rows.length * rowH + 8;
	const root = svg('svg', {viewBox: `0 0 ${w} ${h}`, width: w, height: h, role: 'img',
		'aria-label': 'Grades of each inspection by judgement area', class: 'grade-chart'});
	reports.forEach((r, i) => {
		const x = left + i * colW + colW / 2;
		root.append(svg('text', {x, y: 16, 'text-anchor': 'middle', class: 'col'}, r.date || '?'));
		root.append(svg('text', {x, y: 30, 'text-anchor': 'middle', class: 'kind'}, r.kind || ''));
	});
	rows.forEach(([key, name], j) => {
		const y = top + j * rowH + rowH / 2;
		root.append(svg('text', {x: 4, y: y + 4, class: 'row'}, name));
		root.append(svg('line', {x1: left, x2: w - 10, y1: y, y2: y, class: 'grid'}));
		let prev = null;
		reports.forEach((r, i) => {
			const g = r.grades ? r.grades[key] : null;
			const x = left + i * colW + colW / 2;
			if (!g) return;
			if (g === 'none') {
				const ring = svg('circle', {cx: x, cy: y, r: 6, class: 'not-judged'});
				ring.append(svg('title', {}, `${name}, ${r.date}: not judged`));
				root.append(ring);
				return;
			}
			const dy = ((GRADE_LEVEL[g] || 2) - 2.5) * -6;
			if (prev) root.append(svg('line', {x1: prev[0], y1: prev[1], x2: x, y2: y + dy, class: 'trend'}));
			prev = [x, y + dy];
			const c = svg('circle', {cx: x, cy: y + dy, r: 11, class: 'dot g-' + g});
			c.append(svg('title', {}, `${name}, ${r.date}: ${label('grade', g)}`));
			root.append(c);
			root.append(svg('text', {x, y: y + dy + 4, 'text-anchor': 'middle', class: 'abbr'},
				{outstanding: 'O', good: 'G', 'requires-improvement': 'RI', adequate: 'A', inadequate: 'I'}[g] || '?'));
		});
	});
	return root;
}

/* A link to a council's page, following theme through its reports. */
function councilLink(name, theme) {
	const to = {view: 'council', council: name, q: '', theme: theme || ''};
	return el('a', {class: 'council', href: stateURL(to),
		onclick: (e) => { e.preventDefault(); setState(to, true); }}, name);
}

/* The head and body of a table of reports: a row each, its grades in
 * columns, a link to its file; with its council first when asked. */
function reportsTable(reports, withCouncil) {
	const first = (cell) => (withCouncil ? [cell] : []);
	const head = el('tr', null, ...first(el('th', null, 'Council')), el('th', null, 'Date'),
		el('th', null, 'Kind'), ...JUDGEMENTS.map(([, n]) => el('th', null, n)), el('th', null, 'Report'));
	return [el('thead', null, head), el('tbody', null, ...reports.map((r) =>
		el('tr', null, ...first(el('td', null, r.council ? councilLink(r.council) : '?')),
			el('td', null, r.date || '?'), el('td', null, r.kind || ''),
			...JUDGEMENTS.map(([k]) => el('td', {class: r.grades && r.grades[k] ? 'g-' + r.grades[k] : ''},
				r.grades && r.grades[k] ? label('grade', r.grades[k]) : '—')),
			el('td', null, el('a', {href: '/report/' + r.id, target: '_blank', rel: 'noopener'}, r.title || 'open')))))];
}

async function renderCouncil() {
	$('council-name').textContent = state.council;
	document.title = `${state.council}: ofsearch`;
	$('theme').value = state.theme;
	let j;
	try {
		j = await api('council', '/api/reports?' + new URLSearchParams({council: state.council}));
	} catch (e) {
		$('chart').textContent = e.message;
		return;
	}
	if (!j) return;
	const reports = j.reports.slice().sort((a, b) => (a.date || '').localeCompare(b.date || ''));
	const judged = reports.filter((r) => r.grades && Object.values(r.grades).some(Boolean));
	$('chart').replaceChildren(...(judged.length ? [gradeChart(judged), el('p', {class: 'legend'},
		'O outstanding, G good, RI requires improvement, A adequate, I inadequate; higher is better. ',
		'A ring: the report made no such judgement; blank: not a judgement of its framework.')]
		: [el('p', null, 'No judgements in these reports.')]));
	$('inspections').replaceChildren(...reportsTable(reports, false));
	renderTimeline();
}

async function renderTimeline() {
	if (!state.theme) {
		$('timeline').replaceChildren(el('li', {class: 'none'}, 'Type a theme to follow it through this council\'s reports.'));
		return;
	}
	let j;
	try {
		j = await api('timeline', '/api/timeline?' + new URLSearchParams({council: state.council, q: state.theme, prefix: 1}));
	} catch (e) {
		$('timeline').replaceChildren(el('li', null, e.message));
		return;
	}
	if (!j) return;
	$('timeline').replaceChildren(...(j.results.length ? j.results.map((h) => {
		const li = resultItem(h);
		li.querySelector('.meta').append(el('span', {class: 'matches'}, `${h.matches} matching paragraph${h.matches === 1 ? '' : 's'}`));
		return li;
	}) : [el('li', {class: 'none'}, 'No report of this council mentions it.')]));
}

/* ---- wiring -------------------------------------------------------------- */

function render() {
	const council = state.view === 'council' && state.council, reports = state.view === 'reports';
	$('search-view').hidden = !!council || reports;
	$('council-view').hidden = !council;
	$('reports-view').hidden = !reports;
	if (council) return renderCouncil();
	if (reports) return renderReports();
	document.title = state.q ? `${state.q}: ofsearch` : 'ofsearch: Ofsted children\'s services reports';
	if ($('q').value !== state.q) $('q').value = state.q;
	return runSearch();
}

document.addEventListener('DOMContentLoaded', () => {
	/* Typing in the search box searches, from any view. */
	$('q').addEventListener('input', (e) => setState({q: e.target.value, view: 'search', theme: ''},
		state.view !== 'search'));
	$('search-form').addEventListener('submit', (e) => { e.preventDefault(); setState({q: $('q').value}, true); });
	$('theme').addEventListener('input', (e) => {
		state = Object.assign({}, state, {theme: e.target.value});
		history.replaceState(null, '', stateURL(state));
		renderTimeline();
	});
	$('theme-form').addEventListener('submit', (e) => e.preventDefault());
	$('back').addEventListener('click', (e) => {
		e.preventDefault();
		setState({view: 'search', q: state.theme, council: state.council, theme: ''}, true);
	});
	$('reports-back').addEventListener('click', (e) => {
		e.preventDefault();
		setState({view: 'search'}, true);
	});
	document.addEventListener('keydown', (e) => {
		if (e.key === '/' && !/^(INPUT|TEXTAREA)$/.test(document.activeElement.tagName)) {
			e.preventDefault();
			(state.view === 'council' ? $('theme') : $('q')).focus();
		} else if (e.key === 'Escape' && document.activeElement === $('q')) {
			setState({q: ''}, true);
		}
	});
	window.addEventListener('popstate', () => { state = readState(); render(); });
	if (window.matchMedia('(max-width: 700px)').matches) $('facets').open = false;
	render();
	if (state.view !== 'council') $('q').focus();
});
