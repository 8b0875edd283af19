"""Language tags: normalise what sources say, detect what they don't, pick rendering tags.

Metadata keeps BCP 47 script subtags (``zh-Hans``, ``zh-Hant``). Fontconfig ignores script
subtags, so rendering uses region tags (``zh-CN``, ``zh-TW``) to select the right CJK glyphs.
"""

from __future__ import annotations

import re

from docconv.charclass import HAN, HANGUL, KANA, LATIN

# Common characters whose simplified and traditional forms differ (simplified first).
_SIMPLIFIED = "这个们来时为说国会对过还发经动学进种样实现开关问门见长东车马书从总头两产业应当们让议论"
_TRADITIONAL = "這個們來時為說國會對過還發經動學進種樣實現開關問門見長東車馬書從總頭兩產業應當們讓議論"
_SIMPLIFIED_ONLY = set(_SIMPLIFIED) - set(_TRADITIONAL)
_TRADITIONAL_ONLY = set(_TRADITIONAL) - set(_SIMPLIFIED)

_KANA = re.compile(f"[{KANA}]")
_HANGUL = re.compile(f"[{HANGUL}]")
_HAN = re.compile(f"[{HAN}]")
_LATIN = re.compile(f"[{LATIN}]")

_REGION_TO_SCRIPT = {"cn": "Hans", "sg": "Hans", "my": "Hans", "tw": "Hant", "hk": "Hant", "mo": "Hant"}


def normalise_tag(tag: str | None, text: str = "") -> str | None:
    """A tidy BCP 47 tag: ``zh_CN`` → ``zh-Hans``, ``zh-tw`` → ``zh-Hant``, ``EN-us`` → ``en-US``."""
    if not tag or not str(tag).strip():
        return None
    parts = [p for p in re.split(r"[-_]", str(tag).strip()) if p]
    if not parts or not parts[0].isalpha():
        return None
    language = parts[0].lower()
    rest = parts[1:]
    if language == "zh":
        script = next((p.title() for p in rest if p.lower() in ("hans", "hant")), None)
        region = next((p.lower() for p in rest if len(p) == 2), None)
        script = script or _REGION_TO_SCRIPT.get(region or "")
        if script is None:
            script = "Hant" if detect(text) == "zh-Hant" else "Hans"
        return f"zh-{script}"
    tidy = [language]
    for part in rest:
        if len(part) == 2:
            tidy.append(part.upper())
        elif len(part) == 4:
            tidy.append(part.title())
        else:
            tidy.append(part.lower())
    return "-".join(tidy)


_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def detect(text: str) -> str | None:
    """Guess zh-Hans, zh-Hant, ja, ko or en from the characters of ``text``. Web addresses are no
    language: a Chinese page that only links its original would read as English by their letters."""
    sample = _ADDRESS.sub(" ", text[:20_000])
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    # A menu of languages ("日本語 한국어 English …") puts a few CJK letters on a Latin page: the
    # script must weigh as much as a quarter of the Latin letters, as Han must below.
    if kana and kana * 10 >= han and (kana + han) * 4 >= latin:
        return "ja"
    if hangul and hangul >= han and hangul * 4 >= latin:
        return "ko"
    if han and han * 4 >= latin:
        simplified = sum(1 for c in sample if c in _SIMPLIFIED_ONLY)
        traditional = sum(1 for c in sample if c in _TRADITIONAL_ONLY)
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    if latin:
        return "en"
    return None


_DETECTED_APART = frozenset(("zh", "ja", "ko"))


def contradicts(declared: str, detected: str) -> bool:
    """Whether a detected language contradicts a declared one. Detection tells scripts apart (Chinese,
    Japanese and Korean from one another and from Latin text), not Latin-script languages: its "en"
    means Latin text, which a page declared German, Italian or Vietnamese is written in too."""
    if primary(declared) == primary(detected):
        return False
    return primary(detected) in _DETECTED_APART or primary(declared) in _DETECTED_APART


_LANGUAGE_EVIDENCE = 200  # characters of text that outweigh a template's lang attribute
_DECLARED_SCRIPT_LETTERS = 20  # CJK letters that bear out a CJK declaration among code and names


def language_shown(declared: str | None, text: str) -> str | None:
    """The language ``text`` shows when it overrules the declared one, else None. A template's
    ``lang`` is often wrong (many Chinese sites ship ``<html lang="en">``), so enough text in
    another script wins; but a page declared Chinese, Japanese or Korean that holds a fair number
    of letters of its script keeps its language, however much Latin its code and names add."""
    detected = detect(text)
    if not declared or not detected or not contradicts(declared, detected) or len(text.strip()) < _LANGUAGE_EVIDENCE:
        return None
    script = {"zh": _HAN, "ja": _KANA, "ko": _HANGUL}.get(primary(declared))
    if detected == "en" and script is not None and len(script.findall(text[:20_000])) >= _DECLARED_SCRIPT_LETTERS:
        return None
    return detected


def primary(tag: str | None) -> str:
    return (tag or "en").split("-")[0].lower()


def rendering_tag(tag: str | None) -> str:
    """The tag to put in rendered HTML/PDF so that fontconfig picks regional glyphs."""
    tag = tag or "en"
    lower = tag.lower()
    if lower.startswith("zh"):
        if "hant" in lower or lower.endswith(("-tw", "-hk", "-mo")):
            return "zh-HK" if lower.endswith("-hk") else "zh-TW"
        return "zh-CN"
    return tag


def is_cjk(tag: str | None) -> bool:
    return primary(tag) in ("zh", "ja", "ko")
