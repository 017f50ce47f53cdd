"""handbook.toml: an agency adopts the handbook by editing one file.

A fictional agency's settings (tests/sample-agency.toml, "Exempelkommunen")
are built in a throw-away copy of the project, as an agency's fork would be.
"""
from __future__ import annotations

import re
import shutil
import sys

import pytest

from conftest import ROOT, copy_project, sphinx_build

sys.path.insert(0, str(ROOT / "_ext"))
from handbook import settings as handbook_settings  # noqa: E402

SAMPLE = ROOT / "tests" / "sample-agency.toml"
TEMPLATE_PAGES = ["chapters/toolkit/post-templates", "chapters/toolkit/reply-templates", "chapters/toolkit/comment-policy"]
POLICE_NUMBER = re.compile(r"114[\s\u00a0]14")
PHONE = "0123-45 67 00"
LOCAL_PAGE = """---
summary: The accounts Exempelkommunen runs, and who runs them.
owner: Kommunikationschef
last_reviewed: 2026-11-30
review_in: 12 months
---

(local-our-accounts)=
# Our accounts

Exempelkommunen runs two accounts.
"""


@pytest.fixture(scope="module")
def agency(tmp_path_factory):
    """The handbook as Exempelkommunen publishes it: its handbook.toml and one local page."""
    project = copy_project(tmp_path_factory.mktemp("agency") / "handbook")
    shutil.copy(SAMPLE, project / "handbook.toml")
    (project / "local" / "our-accounts.md").write_text(LOCAL_PAGE, encoding="utf-8")
    build = sphinx_build(project, project / "_build" / "html")
    assert build.returncode == 0, f"The agency's build failed:\n{build.log}"
    assert "WARNING" not in build.log, f"The agency's build has warnings:\n{build.log}"
    return build


def template_blocks(build, docname):
    """(caption, text) of every template block on a page."""
    return [
        (block.select_one(".caption-text").get_text(), block.select_one("pre").get_text())
        for block in build.html(docname).select("div.literal-block-wrapper")
    ]


def test_the_agency_name_is_in_the_templates_in_each_language(agency):
    for docname in ["chapters/toolkit/comment-policy"]:
        blocks = template_blocks(agency, docname)
        swedish = "\n".join(text for caption, text in blocks if "svenska" in caption)
        english = "\n".join(text for caption, text in blocks if "svenska" not in caption)
        assert "Officiellt konto för Exempelkommunen." in swedish
        assert "Kommentarspolicy för Exempelkommunen" in swedish
        assert "Official account of Example Municipality." in english
        assert "[MYNDIGHET]" not in swedish and "[AGENCY]" not in english
        assert "Example Municipality" not in swedish and "Exempelkommunen" not in english


def test_the_agencys_route_is_in_the_templates_and_policy(agency):
    for docname in TEMPLATE_PAGES:
        text = "\n".join(text for _, text in template_blocks(agency, docname))
        assert PHONE in text, f"{docname}: the agency's phone number is in no template"
    policy = "\n".join(text for _, text in template_blocks(agency, "chapters/toolkit/comment-policy"))
    assert "https://www.exempelkommunen.se/kontakt" in policy
    assert "Kommunikationsenheten driver kontot." in policy
    assert "The Communications Unit runs it." in policy
    replies = "\n".join(text for _, text in template_blocks(agency, "chapters/toolkit/reply-templates"))
    assert "See our comment policy: https://www.exempelkommunen.se/kommentarspolicy" in replies


def test_no_template_keeps_114_14_as_the_agencys_route(agency):
    for docname in TEMPLATE_PAGES:
        for caption, text in template_blocks(agency, docname):
            assert not POLICE_NUMBER.search(text), f"{docname}: '{caption}' still gives 114 14:\n{text}"


def test_crime_reports_still_go_to_the_police(agency):
    replies = dict(template_blocks(agency, "chapters/toolkit/reply-templates"))
    emergency = next(text for caption, text in replies.items() if caption.startswith("Reply: emergency"))
    assert "call 112" in emergency
    assert "To report a crime, contact the police at polisen.se." in emergency
    assert f"Other questions: call {PHONE}." in emergency


def test_templates_still_fit_their_limits(agency):
    for docname in TEMPLATE_PAGES:
        for caption, text in template_blocks(agency, docname):
            match = re.search(r"max ([\d,]+) characters", caption)
            if match:
                assert len(text.rstrip("\n")) <= int(match.group(1).replace(",", "")), f"{docname}: '{caption}' is too long:\n{text}"


def test_the_landing_page_gives_the_agencys_route(agency):
    page = agency.html("index")
    help_box = page.select_one("div.admonition").get_text(" ", strip=True)
    assert f"A matter for Example Municipality that is not urgent: tell them to call {PHONE}" in help_box
    assert "they call the police on 114 14" in help_box, "reporting a crime still goes to the police"
    assert "Example Municipality" in page.title.get_text()
    assert page.find("meta", property="og:site_name")["content"] == "Example Municipality"
    assert any(img["src"].endswith("favicon.svg") for img in page.find_all("img")), "the agency's logo"
    accounts = [li.get_text(" ", strip=True) for li in page.select("ul.agency-accounts li")]
    assert accounts == ["Facebook: @exempelkommunen, News and services from the municipality",
                        "Instagram: @exempelkommunen, Pictures from the municipality's services"]


def test_the_checklists_give_the_agencys_route_and_data_protection_officer(agency):
    text = agency.html("chapters/toolkit/checklists").get_text(" ", strip=True)
    assert f"For matters for Example Municipality that are not urgent, point them to our route: call {PHONE}" in text
    assert "the data protection officer (dataskyddsombud@exempelkommunen.se)" in text


def test_the_guidance_names_the_agencys_route_where_it_says_what_to_do(agency):
    text = agency.html("chapters/guidance/organisation").get_text(" ", strip=True)
    assert f"to your non-urgent route (call {PHONE}" in text
    assert "On police accounts that route is 114 14" in text, "the police stay the worked example"


def test_the_review_owner_and_accessibility_statement_are_the_agencys(agency):
    page = agency.html("chapters/toolkit/checklists")
    assert page.select_one("p.page-review").get_text().startswith("Owner: Head of Communications, Example Municipality ·")
    # In the footer: the handbook's own statement page stays in the menu.
    links = [a["href"] for a in page.select("footer a") if a.get_text() == "Accessibility statement"]
    assert links == ["https://www.exempelkommunen.se/tillganglighet"]


def test_local_pages_are_listed_on_the_landing_page(agency):
    links = [a["href"] for a in agency.html("index").select("div.toctree-wrapper a")]
    assert "local/our-accounts.html" in links


def test_the_original_keeps_the_neutral_fields(site):
    blocks = site.page("chapters/toolkit/comment-policy").select("div.literal-block-wrapper pre")
    text = "\n".join(block.get_text() for block in blocks)
    assert "Official account of [AGENCY]." in text and "Officiellt konto för [MYNDIGHET]." in text
    assert POLICE_NUMBER.search(text)
    assert "tell them to call 114 14" in site.page("index").select_one("div.admonition").get_text(" ", strip=True)


# -- Checking handbook.toml -----------------------------------------------------------

def problems(text: str, tmp_path) -> list:
    path = tmp_path / "handbook.toml"
    path.write_text(text, encoding="utf-8")
    return handbook_settings.check(handbook_settings.read(path)).problems


def test_the_shipped_file_and_the_sample_are_valid(tmp_path):
    assert problems((ROOT / "handbook.toml").read_text(encoding="utf-8"), tmp_path) == []
    sample = problems(SAMPLE.read_text(encoding="utf-8"), tmp_path)
    # The sample's logo is a path in the project; next to tmp_path it does not exist.
    assert [p.what for p in sample if "logo" not in p.what] == []


@pytest.mark.parametrize("text, line, what", [
    ('[contact]\nphone = "call us"\n', 2, "phone in [contact] is not a phone number"),
    ('[contact]\nphone = ""\nweb_form = "http://example.se/kontakt"\n', 3, "web_form in [contact] is not a full link that starts with https://"),
    ('[agency]\nname_sv = "Exempelkommunen"\nname_en = ""\n', 2, "name_sv in [agency] is set but name_en is empty"),
    ('[agency]\nnamn_sv = "Exempelkommunen"\n', 2, "[agency] has no setting 'namn_sv'"),
    ('\n[kontakt]\nphone = "0123-45 67 00"\n', 2, "handbook.toml has no table [kontakt]"),
    ('[data_protection_officer]\nemail = "dpo at example.se"\n', 2, "email in [data_protection_officer] is not an e-mail address"),
    ('[site]\nlogo = "local/missing.svg"\n', 2, "logo in [site] is not the path of an .svg or .png file"),
    ('[contact]\nphone = 123\n', 2, "phone in [contact] must be text in quotes"),
    ('[[accounts]]\nplatform = "Facebook"\n', 1, "account 1 has no platform or no handle"),
    ('[agency]\nname_sv = "Exempelkommunen\n', 2, "handbook.toml is not valid TOML"),
])
def test_a_bad_value_names_its_line_and_a_fix(text, line, what, tmp_path):
    found = problems(text, tmp_path)
    assert len(found) == 1, found
    assert found[0].line == line
    assert found[0].what.startswith(what), found[0].what
    assert found[0].fix


def test_a_broken_handbook_toml_fails_the_build_with_its_line_not_a_traceback(tmp_path):
    project = copy_project(tmp_path / "handbook")
    (project / "handbook.toml").write_text('[agency]\nname_sv = "Exempelkommunen"\nname_en = Example Municipality\n', encoding="utf-8")
    build = sphinx_build(project, tmp_path / "html")
    assert build.returncode != 0
    assert re.search(r"handbook\.toml:3: WARNING: handbook\.toml is not valid TOML: .+ Fix: ", build.log), build.log
    assert "Traceback" not in build.log


def test_the_pdf_cover_and_metadata_name_the_agency():
    """tools/build_pdf.py takes the cover's title and the PDF's author from handbook.toml."""
    from types import SimpleNamespace

    sys.path.insert(0, str(ROOT / "tools"))
    import build_pdf

    config = SimpleNamespace(project="The agency social-media handbook", author="The handbook's contributors")
    title, author = build_pdf.cover_names(config, "sv", SAMPLE)
    assert title.startswith("Exempelkommunen") and author == "Exempelkommunen"
    assert build_pdf.cover_names(config, "en", ROOT / "handbook.toml") == (config.project, config.author)
