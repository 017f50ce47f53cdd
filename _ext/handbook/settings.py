"""The agency's own values from handbook.toml, checked and put into the pages.

`conf.py` reads the file with `read()` (tomllib), so that an adopting agency
edits one file and never conf.py.  At `config-inited` the values are checked:
every mistake is reported as `handbook.toml:line: what is wrong. Fix: ...`,
a TOML syntax error included, and a bad file never stops the build with a
traceback.  Valid values then set the site's title, logo, base URL and author.

At build time a transform puts the values into the pages, never into the
Markdown: the English source (and any gettext catalog made from it) keeps
the neutral fields.

- Field tokens in text and literal blocks: an English token such as [AGENCY]
  gets the English value, a Swedish token such as [MYNDIGHET] the Swedish one.
  Tokens inside inline code (`[AGENCY]`, where a page explains the fields)
  stay as they are.
- Route lines: where a template line gives the police's non-emergency number
  (114 14) as the route for everything, and the agency has set its own route,
  the line is rewritten.  Matters for the agency go to the agency's route;
  reporting a crime or giving a tip about one still goes to the police, by
  name, at polisen.se; the 112 lines stay.  So no template keeps 114 14 as
  the agency's own route.
- Prose that says what to do (the landing page's help box, the checklists,
  the guidance) names the agency's route; the police stay the worked example.
  The rules (PROSE_ROUTES) come in English and Swedish: each edition is
  translated before the transform runs, so it matches its own language's
  words, and every build checks that each rule still matches
  (handbook.route-rule names the page or catalog line otherwise).
- Both editions: the title (over the edition's own), the review owner, the
  data protection officer and a template's limit ("max 280 characters",
  "högst 280 tecken") are read and written in the edition's language.

A value left empty keeps the neutral field, so the original repository,
which ships an empty handbook.toml, builds exactly as before.
"""
from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .messages import Kind
from .report import problem
from .state import track_per_page

FILE = "handbook.toml"
logger = logging.getLogger("handbook")

# table -> key -> kind.  A kind of "sv/en" means the key comes as key_sv and key_en.
SCHEMA: dict[str, dict[str, str]] = {
    "agency": {"name": "sv/en", "short_name": "text", "unit": "sv/en", "review_owner": "sv/en"},
    "contact": {"phone": "phone", "web_form": "url", "hours": "sv/en"},
    "data_protection_officer": {"email": "email", "phone": "phone"},
    "pages": {"comment_policy": "url", "accessibility_statement": "url"},
    "site": {"base_url": "url", "logo": "logo"},
}
ACCOUNT = {"platform": "text", "handle": "text", "purpose": "sv/en"}
HINTS = {
    "phone": "a phone number of digits, spaces and hyphens, such as \"0123-45 67 89\"",
    "url": "a full link that starts with https://, such as \"https://www.example.se/kontakt\"",
    "email": "an e-mail address, such as \"dataskyddsombud@example.se\"",
    "logo": "the path of an .svg or .png file in this repository, such as \"local/logo.svg\"",
    "text": "text in quotes",
}


def agency_title(name: str, lang: str) -> str:
    """The handbook's title when an agency has set its name: the website's and the PDF's."""
    return f"{name}: handbok för sociala medier" if lang == "sv" else f"{name}: social-media handbook"


# -- Reading -------------------------------------------------------------------

def read(path: str | Path) -> dict:
    """What conf.py stores as `handbook_settings`: the values, or the syntax error.

    Never raises for a bad file: the error is reported, with its line, when
    the configuration is checked.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {"path": str(path), "values": {}, "text": ""}
    try:
        return {"path": str(path), "values": tomllib.loads(text), "text": text}
    except tomllib.TOMLDecodeError as error:
        return {"path": str(path), "values": {}, "text": text, "syntax_error": str(error)}


def _key_lines(text: str) -> dict[tuple, int]:
    """Line of every table header and key: ("contact",) and ("contact", "phone"); accounts as ("accounts", 0)."""
    lines: dict[tuple, int] = {}
    table: tuple = ()
    accounts = -1
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("[["):
            accounts += 1
            table = (stripped.strip("[] "), accounts)
            lines.setdefault(table, number)
        elif stripped.startswith("["):
            table = (stripped.split("]")[0].strip("[ "),)
            lines.setdefault(table, number)
        elif (match := re.match(r"([A-Za-z0-9_-]+)\s*=", stripped)):
            lines.setdefault(table + (match.group(1),), number)
    return lines


# -- Checking ------------------------------------------------------------------

@dataclass
class Problem:
    line: int | None
    what: str
    fix: str


@dataclass
class Settings:
    """The checked values; an empty string means 'not set, keep the neutral field'."""
    values: dict = field(default_factory=dict)
    accounts: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    def get(self, table: str, key: str, lang: str | None = None) -> str:
        name = f"{key}_{lang}" if lang else key
        return self.values.get(table, {}).get(name, "")


def _valid(kind: str, value: str, root: Path) -> bool:
    if kind == "phone":
        return bool(re.fullmatch(r"\+?[\d][\d \-–]{1,20}\d", value))
    if kind == "url":
        return bool(re.fullmatch(r"https://[^\s/]+\.[^\s/]+(/\S*)?", value))
    if kind == "email":
        return bool(re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value))
    if kind == "logo":
        return value.lower().endswith((".svg", ".png")) and (root / value).is_file()
    return True


def check(settings: dict) -> Settings:
    """Check what read() returned; every problem carries its line in handbook.toml."""
    result = Settings()
    text = settings.get("text", "")
    if "syntax_error" in settings:
        error = settings["syntax_error"]
        match = re.search(r"line (\d+)", error)
        reason = re.sub(r" \(at .*\)$", "", error)
        result.problems.append(Problem(
            int(match.group(1)) if match else None,
            f"handbook.toml is not valid TOML: {reason}.",
            'write each setting as key = "value" on its own line, with the text in straight double quotes, and each table name in [brackets].',
        ))
        return result
    lines = _key_lines(text)
    root = Path(settings.get("path", FILE)).parent
    values = settings.get("values", {})

    def check_table(table: str, given, schema: dict, where: tuple) -> dict:
        checked: dict[str, str] = {}
        if not isinstance(given, dict):
            result.problems.append(Problem(lines.get(where) or lines.get(where[:1]), f"'{table}' must be a table.", f"write it as [{table}] with one key = \"value\" a line under it."))
            return checked
        allowed = {}
        for key, kind in schema.items():
            if kind == "sv/en":
                allowed[f"{key}_sv"] = "text"
                allowed[f"{key}_en"] = "text"
            else:
                allowed[key] = kind
        for key, value in given.items():
            line = lines.get(where + (key,)) or lines.get(where)
            if key not in allowed:
                result.problems.append(Problem(line, f"[{table}] has no setting '{key}'.", f"use one of: {', '.join(allowed)} (see the comments in the original handbook.toml)."))
                continue
            if not isinstance(value, str):
                result.problems.append(Problem(line, f"{key} in [{table}] must be text in quotes, not {type(value).__name__} {value!r}.", f'write {key} = "..." ({HINTS[allowed[key]]}).'))
                continue
            value = value.strip()
            if value and not _valid(allowed[key], value, root):
                result.problems.append(Problem(line, f"{key} in [{table}] is not {HINTS[allowed[key]]}: {value!r}.", f"give {HINTS[allowed[key]]}, or \"\" to keep the neutral field."))
                continue
            checked[key] = value
        for key, kind in schema.items():
            if kind == "sv/en" and bool(checked.get(f"{key}_sv")) != bool(checked.get(f"{key}_en")):
                missing, given_key = (f"{key}_en", f"{key}_sv") if checked.get(f"{key}_sv") else (f"{key}_sv", f"{key}_en")
                result.problems.append(Problem(lines.get(where + (given_key,)), f"{given_key} in [{table}] is set but {missing} is empty: the handbook is in Swedish and English.", f"fill in {missing} as well, or leave both empty."))
                checked.pop(given_key, None)
        return checked

    for table, given in values.items():
        if table == "accounts":
            if not isinstance(given, list):
                result.problems.append(Problem(lines.get(("accounts",)), "accounts must be a list of [[accounts]] blocks.", "write each account as [[accounts]] followed by platform, handle, purpose_sv and purpose_en."))
                continue
            for index, account in enumerate(given):
                where = ("accounts", index)
                checked = check_table("accounts", account, ACCOUNT, where)
                if isinstance(account, dict) and not (checked.get("platform") and checked.get("handle")):
                    result.problems.append(Problem(lines.get(where), f"account {index + 1} has no platform or no handle.", 'give both, such as platform = "Facebook" and handle = "@exempelkommunen".'))
                    continue
                result.accounts.append(checked)
        elif table in SCHEMA:
            result.values[table] = check_table(table, given, SCHEMA[table], (table,))
        else:
            result.problems.append(Problem(lines.get((table,)), f"handbook.toml has no table [{table}].", f"use one of: {', '.join('[' + t + ']' for t in SCHEMA)}, [[accounts]]."))
    return result


def _report(path: str, problems: list[Problem]) -> None:
    for found in problems:
        location = f"{path}:{found.line}" if found.line else path
        logger.warning("%s Fix: %s", found.what, found.fix, location=location, type="handbook", subtype="settings")


# -- Values as the pages use them -------------------------------------------------

ROUTE_WORDS = {
    "en": {"call": "call {}", "form": "use the form at {}", "or": " or ", "hours": " ({})"},
    "sv": {"call": "ring {}", "form": "använd formuläret på {}", "or": " eller ", "hours": " ({})"},
}


def route(settings: Settings, lang: str) -> str:
    """'call 0123-45 67 89 or use the form at https://… (weekdays 8 am to 4 pm)', or '' when nothing is set."""
    words = ROUTE_WORDS[lang]
    parts = []
    if settings.get("contact", "phone"):
        parts.append(words["call"].format(settings.get("contact", "phone")))
    if settings.get("contact", "web_form"):
        parts.append(words["form"].format(settings.get("contact", "web_form")))
    if not parts:
        return ""
    hours = settings.get("contact", "hours", lang)
    return words["or"].join(parts) + (words["hours"].format(hours) if hours else "")


def short_route(settings: Settings, lang: str) -> str:
    """'call 0123-45 67 89', or the form if there is no phone: for templates limited to 280 characters."""
    words = ROUTE_WORDS[lang]
    if settings.get("contact", "phone"):
        return words["call"].format(settings.get("contact", "phone"))
    if settings.get("contact", "web_form"):
        return words["form"].format(settings.get("contact", "web_form"))
    return ""


def contact_details(settings: Settings, lang: str) -> str:
    """'0123-45 67 89 or https://… (weekdays …)': what goes in [CONTACT DETAILS]."""
    parts = [v for v in (settings.get("contact", "phone"), settings.get("contact", "web_form")) if v]
    if not parts:
        return ""
    hours = settings.get("contact", "hours", lang)
    return ROUTE_WORDS[lang]["or"].join(parts) + (f" ({hours})" if hours else "")


def tokens(settings: Settings) -> dict[str, str]:
    """Field token -> value, only for values that are set."""
    pairs = {
        "[AGENCY]": settings.get("agency", "name", "en"),
        "[MYNDIGHET]": settings.get("agency", "name", "sv"),
        "[UNIT]": settings.get("agency", "unit", "en"),
        "[ENHET]": settings.get("agency", "unit", "sv"),
        "[CONTACT DETAILS]": contact_details(settings, "en"),
        "[KONTAKTUPPGIFTER]": contact_details(settings, "sv"),
        "[PHONE]": settings.get("contact", "phone"),
        "[TELEFON]": settings.get("contact", "phone"),
        "[LINK TO COMMENT POLICY]": settings.get("pages", "comment_policy"),
        "[LÄNK TILL KOMMENTARSPOLICYN]": settings.get("pages", "comment_policy"),
        "[LINK TO ACCESSIBILITY STATEMENT]": settings.get("pages", "accessibility_statement"),
        "[LÄNK TILL TILLGÄNGLIGHETSREDOGÖRELSEN]": settings.get("pages", "accessibility_statement"),
    }
    if len(settings.accounts) == 1:
        # With one account the platform is known; with several, each post names its own.
        pairs["[PLATFORM]"] = pairs["[PLATTFORM]"] = settings.accounts[0]["platform"]
    return {token: value for token, value in pairs.items() if value}


# Template lines that give 114 14 as the route for everything, and what they
# become once the agency has set its own route.  Crime reports and tips about
# a crime still go to the police, by name; everything else to the agency.
ROUTE_LINES = {
    # post-templates.md
    "Call 114 14 and give case number [CASE NUMBER].":
        "Contact the police at polisen.se and give case number [CASE NUMBER].",
    "Ring 114 14 och uppge ärendenummer [ÄRENDENUMMER].":
        "Kontakta Polisen på polisen.se och uppge ärendenummer [ÄRENDENUMMER].",
    "If it happens to you, report it: call 114 14 or use the form at [LINK].":
        "If it happens to you, report it to the police at polisen.se.",
    "Har du ändå drabbats? Anmäl brottet: ring 114 14 eller använd formuläret på [LÄNK].":
        "Har du ändå drabbats? Anmäl brottet till Polisen på polisen.se.",
    "Seen something? Call 114 14.":
        "Seen something? Contact us: {short_en}.",
    "Har du sett något? Ring 114 14.":
        "Har du sett något? Kontakta oss: {short_sv}.",
    "If you saw something or have photos or video, call 114 14 and give case number [CASE NUMBER].":
        "If you saw something or have photos or video, contact us: {route_en}.",
    "Har du sett något, eller har du bilder eller film? Ring 114 14 och uppge ärendenummer [ÄRENDENUMMER].":
        "Har du sett något, eller har du bilder eller film? Kontakta oss: {route_sv}.",
    "If you see something we should know about, call 114 14.":
        "If you see something we should know about, contact us: {route_en}.",
    "Har du sett något som vi borde känna till? Ring 114 14.":
        "Har du sett något som vi borde känna till? Kontakta oss: {route_sv}.",
    # reply-templates.md
    "To report a crime that is not urgent, call 114 14 or go to [LINK].":
        "To report a crime, contact the police at polisen.se. Other questions: {short_en}.",
    "Vill du anmäla ett brott som inte är akut? Ring 114 14 eller gå in på [LÄNK].":
        "Vill du anmäla ett brott? Kontakta Polisen på polisen.se. Andra frågor: {short_sv}.",
    # comment-policy.md
    "Official account of [AGENCY]. We reply [DAYS AND TIMES]. Emergency? Call 112. Report crime on 114 14, not here. Rules: see link.":
        "Official account of [AGENCY]. We reply [DAYS AND TIMES]. Emergency? Call 112. Report crime to the police, not here. Rules: see link.",
    "Officiellt konto för [MYNDIGHET]. Vi svarar [DAGAR OCH TIDER]. Akut? Ring 112. Anmäl brott på 114 14, inte här. Regler i länken.":
        "Officiellt konto för [MYNDIGHET]. Vi svarar [DAGAR OCH TIDER]. Akut? Ring 112. Anmäl brott till Polisen, inte här. Regler i länken.",
    "To report a crime or give the police a tip when it is not urgent, call 114 14 or use the form at [LINK].":
        "To report a crime or give the police a tip, contact the police at polisen.se. For other matters, contact us: {route_en}.",
    "Vill du anmäla ett brott eller lämna tips till Polisen om något som inte är akut? Ring 114 14 eller använd formuläret på [LÄNK].":
        "Vill du anmäla ett brott eller lämna tips till Polisen? Kontakta Polisen på polisen.se. Andra frågor till oss: {route_sv}.",
}

# Sentences that say what to do, and what they become once the agency has set its own route.
# English and Swedish side by side: each edition is translated before this runs (Sphinx's
# Locale transform), so a Swedish rule matches the msgstr in locales/sv/LC_MESSAGES/<page>.po
# and an English rule the page's Markdown.  The span from `start` to `end` is replaced and may
# run across a {term} link; with `end` "", `start` alone is replaced, wherever it stands outside
# a link.  Every build checks that each rule of its language matches on every page in `pages`,
# and names the file and the rule when a sentence no longer reads as the rule expects.
# The police stay the worked example: crime reports still go to them, 112 stays.
@dataclass(frozen=True)
class ProseRoute:
    lang: str
    pages: tuple[str, ...]
    start: str
    end: str
    new: str


PROSE_ROUTES = [
    # index.md, the help box
    ProseRoute("en", ("index",),
               "A police matter that is not urgent: tell them to call ", "or use the form on polisen.se",
               "A matter for {name_en} that is not urgent: tell them to {route_en}. "
               "To report a crime that is not urgent, they call the police on 114 14 or use the form on polisen.se"),
    ProseRoute("sv", ("index",),
               "Ett polisärende som inte är akut: be personen att ringa ", "eller använda formuläret på polisen.se",
               "Ett ärende till {name_sv} som inte är akut: hänvisa personen till vår väg – {route_sv}. "
               "Ett brott som inte är akut anmäls till Polisen på 114\u00a014 eller med formuläret på polisen.se"),
    # checklists.md, during an incident
    ProseRoute("en", ("chapters/toolkit/checklists",),
               "For police matters that are not urgent, point them to ", "or the form on polisen.se",
               "For matters for {name_en} that are not urgent, point them to our route: {route_en}. "
               "To report a crime, they call the police on 114 14 or use the form on polisen.se"),
    ProseRoute("sv", ("chapters/toolkit/checklists",),
               "För polisärenden som inte är akuta hänvisar du till ", "eller formuläret på polisen.se",
               "För ärenden till {name_sv} som inte är akuta hänvisar du till vår väg – {route_sv}. "
               "Brott anmäls till Polisen på 114\u00a014 eller med formuläret på polisen.se"),
    # The guidance's checklists: give the route on the profile.
    ProseRoute("en", ("chapters/guidance/channels", "chapters/guidance/organisation", "chapters/guidance/tips-and-emergencies"),
               "and the non-urgent route.", "", "and the non-urgent route ({route_en})."),
    ProseRoute("sv", ("chapters/guidance/channels", "chapters/guidance/organisation", "chapters/guidance/tips-and-emergencies"),
               "och vägen för ärenden som inte är akuta.", "", "och vägen för ärenden som inte är akuta: {route_sv}."),
    # organisation.md, outside staffed hours
    ProseRoute("en", ("chapters/guidance/organisation",),
               "your non-urgent route for other matters", "", "your non-urgent route ({route_en}) for other matters"),
    ProseRoute("sv", ("chapters/guidance/organisation",),
               "till myndighetens väg för ärenden som inte är akuta.", "", "till myndighetens väg för ärenden som inte är akuta: {route_sv}."),
    # crisis.md, what the first post says
    ProseRoute("en", ("chapters/guidance/crisis",),
               "Other agencies give their own route for questions that are not urgent.", "",
               "Other agencies give their own route for questions that are not urgent: for {name_en}, {route_en}."),
    ProseRoute("sv", ("chapters/guidance/crisis",),
               "Andra myndigheter anger sin egen väg för frågor som inte är akuta.", "",
               "Andra myndigheter anger sin egen väg för frågor som inte är akuta – för {name_sv}: {route_sv}."),
    # writing.md, the checklist: end a post with the right route
    ProseRoute("en", ("chapters/guidance/writing",),
               "the right route: 112, 114 14 or the web form.", "",
               "the right route: 112 in an emergency, otherwise {route_en}."),
    ProseRoute("sv", ("chapters/guidance/writing",),
               "rätt väg: 112, 114 14 eller webbformuläret.", "",
               "rätt väg: 112 vid en nödsituation, annars {route_sv}."),
]

LANGUAGE_NAMES = {"en": "English", "sv": "Swedish"}

# The data protection officer, as the checklists name them: their contact goes after it.
OFFICER = {"en": "the data protection officer", "sv": "dataskyddsombudet"}
# A template's limit, from its caption as each edition words it: "max 280 characters", "högst 2 200 tecken".
LIMIT = re.compile(r"(?:max|högst) (\d[\d,\s]*?) (?:characters|tecken)")


# Checklists that get the data protection officer's contact after their name (OFFICER, in the edition's language).
CHECKLIST_PAGES = {"chapters/toolkit/checklists"}


# -- Putting the values in the pages ----------------------------------------------

def _settings(app) -> Settings:
    if not hasattr(app, "_handbook_settings"):
        app._handbook_settings = check(app.config.handbook_settings or {})
    return app._handbook_settings


def _lang(config) -> str:
    return "sv" if (config.language or "en").startswith("sv") else "en"


class AgencyValues(SphinxTransform):
    """Fills the agency's values into the templates, checklists, guidance and landing page, in the edition's language."""
    default_priority = 880

    def apply(self, **kwargs) -> None:
        settings = _settings(self.app)
        lang = _lang(self.config)
        values = tokens(settings)
        own_route = {"route_en": route(settings, "en"), "route_sv": route(settings, "sv"),
                     "short_en": short_route(settings, "en"), "short_sv": short_route(settings, "sv")}
        lines = ROUTE_LINES if all(own_route.values()) else {}
        names = {"name_en": settings.get("agency", "name", "en") or "us",
                 "name_sv": settings.get("agency", "name", "sv") or "oss"}
        dpo = ROUTE_WORDS[lang]["or"].join(v for v in (settings.get("data_protection_officer", "email"), settings.get("data_protection_officer", "phone")) if v)
        short = {**values, **{token: own_route[key] for token, key in SHORT_TOKENS.items() if token in values}}
        for block in list(self.document.findall(nodes.literal_block)):
            text = block.astext()
            new = "\n".join(_route_line(line, lines, own_route) for line in text.split("\n"))
            new = _fill(new, short if _limit(block) <= 280 else values)
            if new != text:
                # Keep rawsource equal to the text, or Sphinx stops highlighting the block.
                block.rawsource = new
                block.children = [nodes.Text(new)]
        # Field tokens in running text, but not in inline code such as `[AGENCY]`, where a page explains the fields.
        _edit_text(self.document, lambda text: _fill(text, values), skip=(nodes.literal,))
        # The rules are matched on every build, route or not, so that a changed sentence is caught
        # in the original too; they rewrite only when the agency has set its own route.
        matched = set()
        for rule in PROSE_ROUTES:
            if rule.lang == lang and self.env.docname in rule.pages:
                if _apply_rule(self.document, rule, rule.new.format(**own_route, **names) if lines else None):
                    matched.add((rule.lang, rule.start))
        self.env.handbook_prose_routes[self.env.docname] = matched
        if settings.accounts and self.env.docname == self.config.root_doc:
            self.document += _account_list(settings, lang)
        if dpo and self.env.docname in CHECKLIST_PAGES:
            # The officer's name, but not the start of a longer word ("dataskyddsombudets").
            officer = re.compile(re.escape(OFFICER[lang]) + r"(?!\w)")
            _edit_text(self.document, lambda text: officer.sub(lambda m: f"{m.group(0)} ({dpo})", text, count=1),
                       skip=(nodes.literal, nodes.reference))


def _apply_rule(document, rule: ProseRoute, replacement: str | None) -> bool:
    """Whether the rule matches on the page; with a replacement, also rewrite what it matches."""
    if rule.end:
        found = False
        for paragraph in list(document.findall(nodes.paragraph)):
            found = _replace_span(paragraph, rule.start, rule.end, replacement) or found
        return found
    found = []

    def edit(text: str) -> str:
        if rule.start in text:
            found.append(True)
            if replacement is not None:
                return text.replace(rule.start, replacement)
        return text
    _edit_text(document, edit, skip=(nodes.literal, nodes.reference))
    return bool(found)


def _source_line(app, rule: ProseRoute, page: str) -> tuple[str, int | None]:
    """The page, and the line of its Markdown that still has the rule's start or end, if any."""
    try:
        lines = Path(app.env.doc2path(page)).read_text(encoding="utf-8").splitlines()
    except OSError:
        return page, None
    found = next((n for words in (rule.start, rule.end) if words for n, text in enumerate(lines, 1) if words.strip() in text), None)
    return page, found


def _catalog_line(app, rule: ProseRoute, page: str) -> tuple[str, int]:
    """The page's catalog, and the line of the translation the rule was written for: the msgstr
    under the msgid that the English rule just before it in PROSE_ROUTES matches, or else the
    msgstr that still has the rule's start or end (line 1 if none is found)."""
    path = f"{app.config.locale_dirs[0]}/{rule.lang}/LC_MESSAGES/{page}.po"
    try:
        lines = (Path(app.srcdir) / path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return path, 1
    english = next((r for r in reversed(PROSE_ROUTES[:PROSE_ROUTES.index(rule)]) if r.lang == "en" and r.pages == rule.pages), None)
    msgid = next((n for n, text in enumerate(lines) if english and text.startswith("msgid") and english.start in text), None)
    if msgid is not None:
        return path, next((n for n, text in enumerate(lines[msgid:], msgid + 1) if text.startswith("msgstr")), msgid + 1)
    for words in (rule.start, rule.end):
        found = next((n for n, text in enumerate(lines, 1) if words and text.startswith("msgstr") and words in text), None)
        if found:
            return path, found
    return path, 1


def check_prose_routes(app, env) -> None:
    """Every rule of this edition's language matches on each of its pages, or the build says where and what to update."""
    if Path(app.srcdir).resolve() != Path(__file__).resolve().parents[2]:
        return  # the rules are written for this repository's pages; the small test sites have pages of their own
    lang = _lang(app.config)
    for rule in PROSE_ROUTES:
        if rule.lang != lang:
            continue
        for page in rule.pages:
            if page not in env.found_docs or (rule.lang, rule.start) in env.handbook_prose_routes.get(page, ()):
                continue
            where, line = _source_line(app, rule, page) if lang == "en" else _catalog_line(app, rule, page)
            words = f'"{rule.start}" … "{rule.end}"' if rule.end else f'"{rule.start}"'
            problem(where, line,
                    f"The {LANGUAGE_NAMES[lang]} route rule for {words} matches no sentence on this page any more, "
                    "so an agency that sets its own route would not see it here.",
                    "update that rule in PROSE_ROUTES in _ext/handbook/settings.py to the words as this file now has them, "
                    "or keep those words in the sentence.",
                    Kind.ROUTE_RULE)


def _account_list(settings: Settings, lang: str) -> list[nodes.Node]:
    """'Our official accounts' on the landing page: platform, handle and purpose of each."""
    name = settings.get("agency", "name", lang)
    title = (f"{name}s officiella konton" if lang == "sv" else f"{name}'s official accounts") if name else (
        "Våra officiella konton" if lang == "sv" else "Our official accounts")
    items = nodes.bullet_list(classes=["agency-accounts"])
    for account in settings.accounts:
        purpose = account.get(f"purpose_{lang}", "")
        items += nodes.list_item("", nodes.paragraph("", f"{account['platform']}: {account['handle']}" + (f", {purpose}" if purpose else "")))
    return [nodes.rubric("", title), items]


def _edit_text(document, edit, skip: tuple) -> None:
    """Apply edit() to every Text node outside literal blocks, raw nodes and the given kinds of node."""
    skip = skip + (nodes.literal_block, nodes.raw)
    for text_node in list(document.findall(nodes.Text)):
        if any(isinstance(parent, skip) for parent in _ancestors(text_node)):
            continue
        new = edit(str(text_node))
        if new != str(text_node):
            text_node.parent.replace(text_node, nodes.Text(new))


# In a template limited to 280 characters (X), contact details are the phone number or the form only.
SHORT_TOKENS = {"[CONTACT DETAILS]": "short_en", "[KONTAKTUPPGIFTER]": "short_sv"}


def _limit(block: nodes.literal_block) -> int:
    """The 'max N characters' of the block's caption, or a large number."""
    caption = next(iter(block.parent.findall(nodes.caption)), None) if isinstance(block.parent, nodes.container) else None
    match = LIMIT.search(caption.astext()) if caption is not None else None
    return int(re.sub(r"\D", "", match.group(1))) if match else 10**6


def _route_line(line: str, lines: dict, own_route: dict) -> str:
    # The Swedish templates keep a no-break space inside "114 14".
    key = line.replace("\xa0", " ")
    return lines[key].format(**own_route) if key in lines else line


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _fill(text: str, values: dict[str, str]) -> str:
    for token, value in values.items():
        # A value such as "the Communications Unit" starts a sentence with a capital.
        if not value.startswith("https://"):
            text = re.sub(r"(^|[.?!]\s+)" + re.escape(token), lambda m: m.group(1) + value[:1].upper() + value[1:], text, flags=re.M)
        text = text.replace(token, value)
    return text


def _replace_span(paragraph: nodes.paragraph, start: str, end: str, replacement: str | None) -> bool:
    """Whether the paragraph has a span from `start` to `end`, which may run across inline nodes;
    with a replacement, replace the span by it."""
    children = list(paragraph.children)
    first = next((i for i, c in enumerate(children) if isinstance(c, nodes.Text) and start in str(c)), None)
    if first is None:
        return False
    last = None
    for i in range(first, len(children)):
        text = str(children[i])
        if isinstance(children[i], nodes.Text) and end in (text.split(start, 1)[1] if i == first else text):
            last = i
            break
    if last is None:
        return False
    if replacement is None:
        return True
    before = str(children[first]).split(start, 1)[0]
    after = str(children[last]).split(end, 1)[1]
    new = [nodes.Text(before + replacement + after)]
    for child in children[first:last + 1]:
        paragraph.remove(child)
    for offset, node in enumerate(new):
        paragraph.insert(first + offset, node)
    return True


def use_review_owner(app, doctree, docname: str) -> None:
    """The review line under each title names the agency's own review owner, if set, in the edition's language."""
    owner = _settings(app).get("agency", "review_owner", _lang(app.config))
    if not owner:
        return
    for line in doctree.findall(lambda n: isinstance(n, nodes.paragraph) and "page-review" in n["classes"]):
        text = line.astext()
        # "Owner: … ·" or, in Swedish, "Ansvarig: … ·": the label stays as translated.
        line.children = [nodes.Text(re.sub(r"^([^:·]+: )[^·]*·", lambda m: f"{m.group(1)}{owner} ·", text))]


def add_site_name_meta(app, pagename, templatename, context, doctree) -> None:
    name = app.config.handbook_agency_name
    if name:
        context["metatags"] = context.get("metatags", "") + f'\n    <meta property="og:site_name" content="{html.escape(name)}" />'


def apply_settings(app, config) -> None:
    """Check handbook.toml, report every problem, and set the site's name, logo and address."""
    raw = config.handbook_settings or {}
    settings = check(raw)
    app._handbook_settings = settings
    _report(FILE, settings.problems)
    lang = _lang(config)
    name = settings.get("agency", "name", lang)
    if name:
        config.html_title = agency_title(name, lang)
    config.handbook_agency_name = name or ""
    config.handbook_agency_names = {"sv": settings.get("agency", "name", "sv"), "en": settings.get("agency", "name", "en")}
    if settings.get("site", "logo"):
        config.html_logo = settings.get("site", "logo")
    statement = settings.get("pages", "accessibility_statement")
    if statement:
        label = "Tillgänglighetsredogörelse" if lang == "sv" else "Accessibility statement"
        config.html_theme_options = {**config.html_theme_options,
                                     "extra_footer": f'<a href="{html.escape(statement)}">{label}</a>'}
    if settings.get("site", "base_url"):
        config.html_baseurl = settings.get("site", "base_url")


def setup(app):
    app.add_config_value("handbook_settings", {}, "env", types=frozenset({dict}))
    # The agency's name, for the PDF cover and anything else that names the publisher ("" when not set).
    app.add_config_value("handbook_agency_name", "", "env", types=frozenset({str}))
    app.add_config_value("handbook_agency_names", {}, "env", types=frozenset({dict}))
    # After languages.py has set the edition's own title (100), so that the agency's name wins in
    # every edition; before it moves html_baseurl into the edition's folder (300).
    app.connect("config-inited", apply_settings, priority=200)
    app.add_transform(AgencyValues)
    track_per_page(app, "handbook_prose_routes")
    app.connect("env-check-consistency", check_prose_routes)
    app.connect("doctree-resolved", use_review_owner, priority=600)
    app.connect("html-page-context", add_site_name_meta)
    # env_version: the environment stores which route rules matched on each page (handbook_prose_routes);
    # an environment pickled before that must be read again, not checked against nothing.
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
