// The review reminder: one issue per page owner, listing the owner's pages past their review date.
// Reads api/pages.json, which the build writes (_ext/handbook/pages_api.py).
// From a workflow:  await require('./.github/scripts/review-reminders.js')({ github, context, core, pagesFile })
'use strict';
const fs = require('fs');
const { openIssues, syncIssue } = require('./issues.js');

const LABEL = 'review-reminder';
const TITLE = 'Pages overdue for review: ';

function overdueByOwner(pages, today) {
  const owners = new Map();
  for (const page of pages) {
    if (page.status === 'withdrawn' || page.review_due >= today) continue;
    if (!owners.has(page.owner)) owners.set(page.owner, []);
    owners.get(page.owner).push(page);
  }
  return owners;
}

function body(owner, pages) {
  const rows = pages
    .slice().sort((a, b) => a.review_due.localeCompare(b.review_due) || a.page.localeCompare(b.page))
    .map((page) => `| [${page.title}](${page.url}) | \`${page.page}\` | ${page.last_reviewed} | ${page.review_due} |`);
  return [
    `These pages owned by **${owner}** are past their review date.`,
    '',
    '| Page | Source | Last reviewed | Review was due |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    'Check each page against current law and practice, then set `last_reviewed` in its front matter to the date of your review and open a pull request.',
    'This issue is updated every day and closed when no page is left overdue.',
  ].join('\n');
}

module.exports = async function reviewReminders({ github, context, core, pagesFile, today }) {
  const pages = JSON.parse(fs.readFileSync(pagesFile, 'utf8')).pages;
  const day = today || new Date().toISOString().slice(0, 10);
  const owners = overdueByOwner(pages, day);
  const existing = await openIssues(github, context, LABEL);
  const titles = new Set(existing.filter((issue) => issue.title.startsWith(TITLE)).map((issue) => issue.title));
  for (const [owner, overdue] of owners) {
    const result = await syncIssue(github, context, existing, { label: LABEL, title: TITLE + owner, body: body(owner, overdue) });
    core.info(`${owner}: ${overdue.length} overdue, issue ${result}`);
    titles.delete(TITLE + owner);
  }
  for (const title of titles) {
    const result = await syncIssue(github, context, existing, {
      label: LABEL, title, body: null,
      closing: `No page owned by ${title.slice(TITLE.length)} is overdue for review any more (${day}). Closing.`,
    });
    core.info(`${title.slice(TITLE.length)}: none overdue, issue ${result}`);
  }
};
