"""Readability of the handbook's pages: grade, long sentences and LIX.

Usage: python tools/readability.py [FILE.md ...]   (default: every page)

For each page it prints the Flesch-Kincaid grade, the share of sentences
longer than 25 words and LIX (läsbarhetsindex, the Swedish measure).  A
sentence is a run of words ending in . ! or ?, or a list item, table cell or
line that ends without one.  Code, front matter, directives' options, labels
and headings are left out; roles keep only the words a reader sees.

Syllables come from pyphen's bundled dictionaries, so it runs offline.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LONG_SENTENCE = 25

PROSE_DIRECTIVES = {"{glossary}", "{admonition}", "{note}", "{tip}", "{important}", "{warning}", "{from-the-case}"}
ROLE_WITH_TEXT = re.compile(r"\{[a-z:-]+\}`([^`<]*?)\s*<[^`]*>`")
CITE = re.compile(r"\s*\{(?:foot)?cite(?::[a-z]+)?\}`[^`]*`")
BARE_REF = re.compile(r"\{(?:ref|doc)\}`[^`<]*`")
ROLE = re.compile(r"\{[a-z:-]+\}`([^`]*)`")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9][A-Za-zÀ-ÖØ-öø-ÿ0-9'’.-]*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-ZÅÄÖ0-9\"“”(])")
ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|etc|art|kap|no|nr|dnr|cf|vs|St|p|pp|bl\.a|t\.ex|m\.m|s\.k)\.", re.I)


@dataclass
class Report:
    page: str
    words: int
    sentences: int
    grade: float
    long_share: float
    lix: float
    longest: str


def prose_lines(text: str) -> list[str]:
    """The lines a reader reads as prose, with Markdown and MyST markup removed."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1:]
    out, in_code = [], False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("```"):
            # Code, diagrams and generated tables are not prose; a ```{glossary} or admonition is.
            if in_code:
                in_code = False
            else:
                name = stripped.lstrip("`").split(maxsplit=1)[0] if stripped.lstrip("`") else ""
                in_code = name not in PROSE_DIRECTIVES
            continue
        if in_code or not stripped or stripped.startswith(":::"):
            continue
        if stripped.startswith("#") or re.match(r"^:[a-z-]+:", stripped) or re.match(r"^\([a-z0-9-]+\)=$", stripped):
            continue
        if set(stripped) <= set("|-: "):
            continue
        stripped = CITE.sub("", stripped)
        stripped = ROLE_WITH_TEXT.sub(r"\1", stripped)
        # A bare {ref} shows the section's title: count it as a short title, not as its label.
        stripped = BARE_REF.sub("the section", stripped)
        stripped = ROLE.sub(r"\1", stripped)
        stripped = LINK.sub(r"\1", stripped)
        stripped = re.sub(r"^(?:[-*+]|\d+\.)\s+(?:\[[ xX]\]\s+)?", "", stripped)
        stripped = re.sub(r"^>\s*", "", stripped)
        stripped = stripped.replace("**", "").replace("*", "").replace("`", "")
        if stripped.startswith("|"):
            out.extend(cell.strip() for cell in stripped.strip("|").split("|") if cell.strip())
        else:
            out.append(stripped)
    return out


def sentences(lines: list[str]) -> list[list[str]]:
    """Split prose into sentences of words; a line that does not end a sentence ends at the line's end
    unless the next line continues it (starts with a lower-case word)."""
    joined: list[str] = []
    for line in lines:
        if joined and not re.search(r"[.!?:;]\W*$", joined[-1]) and re.match(r"^[a-zåäö]", line):
            joined[-1] += " " + line
        else:
            joined.append(line)
    found = []
    for block in joined:
        protected = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\u2024"), block)
        for piece in SENTENCE_END.split(protected):
            words = WORD.findall(piece)
            if words:
                found.append(words)
    return found


def _hyphenators():
    import pyphen

    return {"en": pyphen.Pyphen(lang="en_GB"), "sv": pyphen.Pyphen(lang="sv_SE")}


def syllables(word: str, hyphenator) -> int:
    letters = re.sub(r"[^A-Za-zÀ-ÖØ-öø-ÿ]", "", word)
    if not letters:
        return 1
    return max(1, len(hyphenator.positions(letters.lower())) + 1)


def measure(page: str, text: str, language: str = "en", hyphenators=None) -> Report:
    hyphenator = (hyphenators or _hyphenators())[language]
    found = sentences(prose_lines(text))
    words = [w for s in found for w in s]
    n_words, n_sentences = max(len(words), 1), max(len(found), 1)
    n_syllables = sum(syllables(w, hyphenator) for w in words)
    grade = 0.39 * n_words / n_sentences + 11.8 * n_syllables / n_words - 15.59
    long_words = sum(1 for w in words if len(re.sub(r"[^\w]", "", w)) > 6)
    lix = n_words / n_sentences + 100 * long_words / n_words
    long = [s for s in found if len(s) > LONG_SENTENCE]
    longest = " ".join(max(found, key=len)) if found else ""
    return Report(page, len(words), len(found), round(grade, 1), round(len(long) / n_sentences, 3), round(lix, 1), longest[:160])


def measure_catalog(path: Path, hyphenators=None) -> Report:
    """The Swedish edition of a page, from its catalog: every translated message as a line of prose."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    text = "\n".join(message.string.replace("\n", " ") for message in catalog if message.id and message.string)
    page = str(path.relative_to(ROOT / "locales" / "sv" / "LC_MESSAGES").with_suffix(".md"))
    return measure(page, text, "sv", hyphenators)


#: A Swedish template: a code block whose caption says "(svenska)", as the pages write it.
SWEDISH_TEMPLATE_BLOCK = re.compile(r"^```\{code-block\}[^\n]*\n:caption: ([^\n]*\(svenska\)[^\n]*)\n(?::[^\n]*\n)*(.*?)^```", re.M | re.S)
FIELD = re.compile(r"\[[^\]\n]+\]")


def measure_templates(hyphenators=None) -> list[Report]:
    """LIX of each Swedish template, its [FIELDS] counted as one short word each."""
    found = []
    for path in pages():
        for match in SWEDISH_TEMPLATE_BLOCK.finditer(path.read_text(encoding="utf-8")):
            caption = match.group(1).split(" · ")[0]
            page = f"{path.relative_to(ROOT)}: {caption}"
            found.append(measure(page, FIELD.sub("X", match.group(2)), "sv", hyphenators))
    return found


def catalogs() -> list[Path]:
    return sorted(p for p in (ROOT / "locales" / "sv" / "LC_MESSAGES").rglob("*.po") if p.name != "sphinx.po")


def pages() -> list[Path]:
    return [ROOT / "index.md", *sorted((ROOT / "chapters").rglob("*.md"))]


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or pages()
    hyphenators = _hyphenators()
    reports = [measure(str(p.resolve().relative_to(ROOT)) if p.resolve().is_relative_to(ROOT) else str(p),
                       p.read_text(encoding="utf-8"), "en", hyphenators) for p in paths]
    if as_json:
        print(json.dumps([asdict(r) for r in reports], indent=1))
        return 0
    print(f"{'page':48} {'words':>6} {'grade':>6} {'>25 words':>10} {'LIX':>5}")
    for r in reports:
        flag = "  <- over 1 in 20" if r.long_share > 0.05 else ""
        print(f"{r.page:48} {r.words:6} {r.grade:6.1f} {r.long_share:10.1%} {r.lix:5.1f}{flag}")
    print(f"median grade: {statistics.median(r.grade for r in reports):.1f} (goal: 7 or lower); "
          f"pages with more than 1 sentence in 20 over {LONG_SENTENCE} words: {sum(r.long_share > 0.05 for r in reports)}")
    if not [a for a in argv if not a.startswith("--")]:
        swedish = [measure_catalog(path, hyphenators) for path in catalogs()]
        print(f"\nSwedish edition (from locales/sv)\n{'page':48} {'words':>6} {'LIX':>5}")
        for r in swedish:
            print(f"{r.page:48} {r.words:6} {r.lix:5.1f}" + ("  <- over 50" if r.lix > 50 else ""))
        guidance = [r.lix for r in swedish if r.page.startswith("chapters/guidance/")]
        print(f"median LIX of the guidance pages: {statistics.median(guidance):.1f} (goal: 40 or lower); highest: {max(r.lix for r in swedish):.1f} (goal: 50 or lower)")
        templates = measure_templates(hyphenators)
        print(f"\nSwedish templates\n{'template':70} {'words':>6} {'LIX':>5}")
        for r in templates:
            print(f"{r.page[:70]:70} {r.words:6} {r.lix:5.1f}" + ("  <- over 30" if r.lix > 30 else ""))
        print(f"highest LIX of a Swedish template: {max(r.lix for r in templates):.1f} (goal: 30 or lower)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
