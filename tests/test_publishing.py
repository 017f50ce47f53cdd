"""Publishing: the GitHub workflows, the pages API for review reminders, the link check, the published tree."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, docnames

WORKFLOWS = ROOT / ".github" / "workflows"
SCRIPTS = ROOT / ".github" / "scripts"
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$")

def front_matter(path) -> dict:
    """A page's front matter, read as YAML."""
    match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
    return yaml.safe_load(match.group(1)) if match else {}

def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data

def all_workflows() -> list[str]:
    return sorted(path.name for path in WORKFLOWS.glob("*.yml"))

def test_the_workflows_are_there_and_valid_yaml():
    assert {"pull-request.yml", "publish.yml", "linkcheck.yml"} <= set(all_workflows())
    for name in all_workflows():
        data = workflow(name)
        assert data["on"] and data["jobs"], name
    yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))

@pytest.mark.parametrize("name", all_workflows())
def test_every_action_is_pinned_to_a_commit_with_its_version(name):
    lines = [line for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s*)?uses:", line)]
    assert lines, f"{name} uses no action"
    loose = [line.strip() for line in lines if not PINNED.match(line)]
    assert not loose, f"{name}: pin each action to a full commit SHA with '# vX.Y.Z' after it: {loose}"

def test_pull_requests_are_tested_read_only_and_the_site_is_uploaded():
    flow = workflow("pull-request.yml")
    assert "pull_request" in flow["on"] and "pull_request_target" not in flow["on"]
    assert flow["permissions"] == {"contents": "read"}
    for job in flow["jobs"].values():
        assert all(value == "read" for value in job.get("permissions", {}).values())
    steps = [step for job in flow["jobs"].values() for step in job["steps"]]
    runs = " ; ".join(step.get("run", "") for step in steps)
    assert "bash .ci/run" in runs or "make test" in runs
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"] == "_build/publish"

def test_only_the_deploy_job_may_write_pages():
    flow = workflow("publish.yml")
    assert flow["permissions"] == {}
    assert flow["on"]["push"]["branches"] == ["main"] and "pull_request" not in flow["on"]
    for name, job in flow["jobs"].items():
        assert "permissions" in job, f"job {name} must say what it may do"
        if name == "deploy":
            assert job["permissions"] == {"pages": "write", "id-token": "write"}
            assert job["environment"]["name"] == "github-pages"
        else:
            assert "pages" not in job["permissions"] and "id-token" not in job["permissions"], name

def test_the_site_is_rebuilt_every_day_and_owners_are_reminded():
    flow = workflow("publish.yml")
    (cron,) = [entry["cron"] for entry in flow["on"]["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert (day, month, weekday) == ("*", "*", "*") and hour.isdigit(), cron
    reminder = flow["jobs"]["review-reminders"]
    assert reminder["permissions"] == {"contents": "read", "issues": "write"}
    script = next(step for step in reminder["steps"] if step.get("uses", "").startswith("actions/github-script@"))
    assert "review-reminders.js" in script["with"]["script"]
    assert (SCRIPTS / "review-reminders.js").is_file()

def test_the_link_check_is_weekly_reports_to_an_issue_and_never_runs_on_pull_requests():
    flow = workflow("linkcheck.yml")
    assert set(flow["on"]) <= {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in flow["on"]["schedule"]]
    assert cron.split()[4].isdigit(), f"{cron} is not weekly"
    assert flow["permissions"] == {}
    (job,) = flow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    check = next(step for step in job["steps"] if step.get("run") == "make linkcheck")
    assert check["continue-on-error"] is True
    assert any("linkcheck-report.js" in step.get("with", {}).get("script", "") for step in job["steps"])

def test_dependabot_updates_python_packages_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "github-actions"}

# -- api/pages.json ------------------------------------------------------------

def test_pages_json_lists_every_page_with_owner_and_review_dates(site):
    sys.path.insert(0, str(ROOT))
    import conf
    from handbook.page_metadata import review_due

    data = json.loads((site.build.outdir / "api" / "pages.json").read_text(encoding="utf-8"))
    rows = {row["page"]: row for row in data["pages"]}
    assert set(rows) == set(docnames())
    for docname in docnames():
        meta = front_matter(ROOT / f"{docname}.md")
        row = rows[docname]
        assert set(row) >= {"page", "title", "owner", "last_reviewed", "review_due", "url"}
        assert row["owner"] == meta["owner"]
        assert row["last_reviewed"] == str(meta["last_reviewed"])
        assert row["review_due"] == review_due(meta).isoformat()
        assert row["url"] == conf.html_baseurl + "en/" + docname + ".html"  # the English edition's folder
        assert row["title"] == site.page(docname).find("h1").get_text().strip().rstrip("#").strip()

# -- the reminder and link-check scripts, with a stand-in for GitHub's API --------

HARNESS = r"""
const calls = [];
const open = JSON.parse(process.env.OPEN_ISSUES);
const rest = { issues: {
  listForRepo: 'listForRepo',
  create: async (args) => calls.push(['create', args]),
  update: async (args) => calls.push(['update', args]),
  createComment: async (args) => calls.push(['comment', args]),
} };
const github = { rest, paginate: async (method, args) => { calls.push(['list', args]); return open; } };
const context = { repo: { owner: 'agency', repo: 'handbook' } };
const core = { info: () => {} };
const run = require(process.env.SCRIPT);
run({ github, context, core, pagesFile: process.env.DATA, outputFile: process.env.DATA, today: '2026-11-30' })
  .then(() => console.log(JSON.stringify(calls)));
"""

def run_script(tmp_path, script: str, data: str, open_issues: list[dict]) -> list:
    node = shutil.which("node")
    assert node, "node is missing: run `bash tools/system-packages.sh test`"
    (tmp_path / "data").write_text(data, encoding="utf-8")
    (tmp_path / "harness.js").write_text(HARNESS, encoding="utf-8")
    result = subprocess.run([node, str(tmp_path / "harness.js")], capture_output=True, text=True, env={
        **os.environ, "SCRIPT": str(SCRIPTS / script), "DATA": str(tmp_path / "data"), "OPEN_ISSUES": json.dumps(open_issues)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)

def page(name: str, owner: str, due: str, status: str = "current") -> dict:
    return {"page": name, "title": name.title(), "owner": owner, "last_reviewed": "2025-01-01", "review_due": due,
            "status": status, "url": f"https://example.org/{name}.html"}

def test_reminders_open_update_and_close_one_issue_per_owner(tmp_path):
    pages = [
        page("a1", "Legal adviser", "2026-01-01"),
        page("a2", "Legal adviser", "2027-01-01"),          # not yet due
        page("b1", "Head of digital communications", "2026-11-29"),
        page("c1", "Records manager", "2026-02-01", "withdrawn"),  # withdrawn pages need no review
        page("d1", "Archivist", "2026-12-31"),
    ]
    existing = [
        {"number": 7, "title": "Pages overdue for review: Legal adviser", "body": "old list"},
        {"number": 8, "title": "Pages overdue for review: Archivist", "body": "old list"},
    ]
    calls = run_script(tmp_path, "review-reminders.js", json.dumps({"pages": pages}), existing)
    assert calls[0] == ["list", {"owner": "agency", "repo": "handbook", "state": "open", "labels": "review-reminder", "per_page": 100}]
    by_kind = {}
    for kind, args in calls[1:]:
        by_kind.setdefault(kind, []).append(args)
    (updated,) = by_kind["update"][:1]
    assert updated["issue_number"] == 7 and "a1" in updated["body"] and "a2" not in updated["body"]
    (created,) = by_kind["create"]
    assert created["title"] == "Pages overdue for review: Head of digital communications"
    assert created["labels"] == ["review-reminder"] and "[B1](https://example.org/b1.html)" in created["body"]
    assert not any("Records manager" in args.get("title", "") for args in by_kind["create"])
    closed = [args for args in by_kind["update"] if args.get("state") == "closed"]
    assert [args["issue_number"] for args in closed] == [8]
    assert by_kind["comment"][0]["issue_number"] == 8

def test_link_check_report_opens_one_issue_and_closes_it_when_links_work(tmp_path):
    broken = "\n".join(json.dumps(line) for line in [
        {"filename": "chapters/toolkit/sources.md", "lineno": 20, "status": "broken", "code": 404, "uri": "https://example.org/gone", "info": "404 Client Error"},
        {"filename": "chapters/toolkit/sources.md", "lineno": 21, "status": "working", "code": 0, "uri": "https://example.org/", "info": ""},
    ]) + "\n"
    calls = run_script(tmp_path, "linkcheck-report.js", broken, [])
    (create,) = [args for kind, args in calls if kind == "create"]
    assert create["title"] == "Broken external links" and "https://example.org/gone" in create["body"]
    assert "sources.md" in create["body"] and "https://example.org/>" not in create["body"]
    working = json.dumps({"filename": "index.md", "lineno": 1, "status": "working", "code": 0, "uri": "https://example.org/", "info": ""}) + "\n"
    calls = run_script(tmp_path, "linkcheck-report.js", working, [{"number": 3, "title": "Broken external links", "body": "x"}])
    assert ["update", {"owner": "agency", "repo": "handbook", "issue_number": 3, "state": "closed", "state_reason": "completed"}] in calls

# -- make linkcheck -------------------------------------------------------------

def _linkcheck_module():
    spec = importlib.util.spec_from_file_location("linkcheck", ROOT / "tools" / "linkcheck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

def test_linkcheck_says_clearly_when_offline_and_does_not_fail(tmp_path):
    """A proxy that refuses every connection stands in for a machine without a network: no request leaves it."""
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "http_proxy": dead, "https_proxy": dead, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "no_proxy": "", "NO_PROXY": ""}
    result = subprocess.run([sys.executable, "tools/linkcheck.py", str(tmp_path / "linkcheck")], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the network is unreachable from this machine" in result.stdout
    assert "No link was checked, so this is not a failure" in result.stdout

def test_linkcheck_fails_on_a_link_the_server_says_is_gone():
    linkcheck = _linkcheck_module()
    state, message = linkcheck.verdict([
        {"filename": "a.md", "lineno": 3, "status": "working", "uri": "https://example.org/", "info": ""},
        {"filename": "a.md", "lineno": 4, "status": "broken", "uri": "https://example.org/gone", "info": "404 Client Error: Not Found"},
    ])
    assert state == "broken" and "a.md:4: https://example.org/gone" in message and "Fix:" in message
    assert linkcheck.verdict([{"filename": "a.md", "lineno": 3, "status": "working", "uri": "https://example.org/", "info": ""}])[0] == "ok"

# -- the published tree ---------------------------------------------------------

def test_published_tree_has_no_build_leftovers(site, tmp_path):
    source = site.build.outdir
    assert (source / ".buildinfo").exists() or (source / ".doctrees").exists(), "the test needs a build with leftovers"
    publish = tmp_path / "publish"
    result = subprocess.run([sys.executable, "tools/publish_tree.py", str(source), str(publish)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    dotfiles = [str(path.relative_to(publish)) for path in publish.rglob(".*")]
    assert not dotfiles, dotfiles
    assert (publish / "index.html").is_file() and (publish / "api" / "pages.json").is_file()

# -- the lock files ---------------------------------------------------------------

LOCKS = [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")]

@pytest.mark.parametrize("source,lock", LOCKS)
def test_the_lock_pins_every_package_of_its_source_with_hashes(source, lock):
    result = subprocess.run([sys.executable, "tools/check_lock.py", source, lock], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text(encoding="utf-8"))
    pinned = [entry for entry in entries if re.match(r"^[A-Za-z0-9][\w.-]*==", entry)]
    assert len(pinned) > 20
    unhashed = [entry.split()[0] for entry in pinned if "--hash=sha256:" not in entry]
    assert not unhashed, f"{lock}: no hash for {unhashed}. Fix: run `make lock`."

def test_both_locks_agree_on_every_shared_package():
    sys.path.insert(0, str(ROOT / "tools"))
    from check_lock import pins

    build = pins(ROOT / "requirements.lock", follow=False)
    dev = pins(ROOT / "requirements-dev.lock", follow=False)
    assert set(build) <= set(dev)
    assert {name: build[name][0] for name in build} == {name: dev[name][0] for name in build}

def test_a_package_added_without_make_lock_is_named_with_the_fix(tmp_path):
    (tmp_path / "requirements.txt").write_text((ROOT / "requirements.txt").read_text(encoding="utf-8") + "tabulate==0.9.0\n", encoding="utf-8")
    line = len((tmp_path / "requirements.txt").read_text(encoding="utf-8").splitlines())
    result = subprocess.run([sys.executable, str(ROOT / "tools/check_lock.py"), str(tmp_path / "requirements.txt"), str(ROOT / "requirements.lock")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"requirements.txt:{line}: tabulate==0.9.0 is not in requirements.lock. Fix: run `make lock`" in result.stderr

def test_make_installs_only_from_the_locks_with_hashes(tmp_path):
    result = subprocess.run(["make", "-n", f"VENV={tmp_path / 'venv'}", "test"], cwd=ROOT, capture_output=True, text=True)
    installs = sorted({line for line in result.stdout.splitlines() if "pip install" in line})
    assert len(installs) == 2, result.stdout
    assert all("--require-hashes -r requirements" in line and line.endswith(".lock") for line in installs), installs

# -- Read the Docs and the contributors' guide -------------------------------------

def test_read_the_docs_builds_strictly_from_the_lock_with_the_handbooks_own_pdf_and_epub():
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert config["sphinx"] == {"configuration": "conf.py", "builder": "html", "fail_on_warning": True}
    assert config["formats"] == [], "Read the Docs' own PDF is LaTeX and untagged"
    jobs = config["build"]["jobs"]
    assert all(line.startswith("pip install --require-hashes -r requirements") and line.endswith(".lock") for line in jobs["install"])
    assert any("tools/build_books.py" in line and "$READTHEDOCS_LANGUAGE" in line for line in jobs["post_build"])
    assert any("$READTHEDOCS_OUTPUT/pdf/" in line for line in jobs["post_build"])
    assert any("$READTHEDOCS_OUTPUT/epub/" in line for line in jobs["post_build"])
    # The system packages tools/system-packages.sh installs for the build, the PDF and the EPUB.
    needs = (ROOT / "tools" / "system-packages.sh").read_text(encoding="utf-8")
    wanted = {package for line in needs.splitlines() if line.startswith(("build|", "pdf|", "epub|"))
              for package in line.rsplit("|", 1)[1].split()} - {"python3-venv", "poppler-utils"}
    assert wanted <= set(config["build"]["apt_packages"]), wanted - set(config["build"]["apt_packages"])

def test_contributing_explains_publishing_and_review_reminders():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for heading in ("## How the handbook is published", "## How page owners are reminded to review", "## Python packages and the lock files"):
        assert heading in guide
    for name in all_workflows():
        assert f"`{name}`" in guide, f"CONTRIBUTING.md does not say what {name} does"
    assert "make lock" in guide and "translation" in guide and "api/pages.json" in guide
