"""Briefing packets: binding, duplicates, failures, manifests and the Markdown packet."""

from __future__ import annotations

import sys
from datetime import UTC
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

import docconv
from docconv.model import Heading, Link, ListBlock, plain_text
from tests.test_cli import run

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ENGLISH = "<html lang='en'><head><title>Port volumes rise</title></head><body><p>Port volumes rose 5% in May, officials said on Monday.</p><p>Exports led the gains.</p></body></html>"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def articles(tmp_path: Path, sample_path: Path) -> list[Path]:
    english = _write(tmp_path, "port.html", ENGLISH)
    second = _write(
        tmp_path,
        "second.md",
        "---\ntitle: 第二篇文章\ndate: 2021-06-21\n---\n\n## 小节一\n\n第一段正文，说明事情的来龙去脉。\n\n## 小节二\n\n第二段正文。\n",
    )
    return [sample_path, second, english]


def test_markdown_packet_structure_and_round_trip(articles: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "briefing.md"
    code, _, err = run(
        "packet", *map(str, articles), "-o", str(out), "--title", "今日简报", "--notice", "内部资料", "--date", "2021-06-23"
    )
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    header = yaml.safe_load(text.split("---\n")[1])
    assert header == {
        "title": "今日简报",
        "date": "2021-06-23T00:00:00+00:00",
        "lang": "zh-Hans",
        "notice": "内部资料",
        "articles": 3,
    }
    tokens = MarkdownIt("commonmark").parse(text.split("---\n", 2)[2])
    assert not [t for t in tokens if t.type.startswith("html")]
    document = docconv.read(out)
    h1 = [plain_text(b.children) for b in document.blocks if isinstance(b, Heading) and b.level == 1]
    assert h1 == [
        "目录",
        "厚植城市精神，彰显城市品格，全面提升上海城市软实力！市委全会通过这份重磅文件",
        "第二篇文章",
        "Port volumes rise",
    ]
    assert "\n## 小节一" not in text and "\n### 小节一" in text  # article headings shifted below the article title
    contents = document.blocks[1]
    assert isinstance(contents, ListBlock) and len(contents.items) == 3
    assert all(isinstance(item.blocks[0].children[0], Link) for item in contents.items)  # type: ignore[union-attr]
    assert "作者：观察者网 · 2021年6月22日" in text
    again = tmp_path / "again.md"
    assert run("convert", str(out), "-o", str(again))[0] == 0
    assert again.read_bytes() == out.read_bytes()


def test_duplicates_are_reported_and_included_once(articles: list[Path], tmp_path: Path) -> None:
    copy = _write(tmp_path, "copy.html", ENGLISH)
    out = tmp_path / "b.md"
    code, _, err = run("packet", *map(str, articles), str(copy), "-o", str(out), "--title", "T")
    assert code == 0
    assert "[duplicate-article]" in err and "copy.html" in err
    assert yaml.safe_load(out.read_text(encoding="utf-8").split("---\n")[1])["articles"] == 3


def test_failing_article_stops_the_packet_naming_it(articles: list[Path], tmp_path: Path) -> None:
    broken = _write(tmp_path, "broken.md", "---\ntitle: !!python/name:os.system x\n---\nbody")
    out = tmp_path / "c.md"
    code, _, err = run("packet", str(articles[0]), str(broken), "-o", str(out), "--title", "T")
    assert code == 1
    assert "broken.md" in err and "invalid YAML front matter" in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_keep_going_writes_the_rest_and_says_what_was_left_out(articles: list[Path], tmp_path: Path) -> None:
    broken = _write(tmp_path, "empty.html", "")
    out = tmp_path / "d.md"
    code, _, err = run("packet", "--keep-going", str(articles[0]), str(broken), str(articles[2]), "-o", str(out), "--title", "T")
    assert code == 6
    assert "empty.html" in err.strip().splitlines()[-1]
    text = out.read_text(encoding="utf-8")
    assert "# 未收录的文章" in text and "empty.html: input is empty" in text
    assert yaml.safe_load(text.split("---\n")[1])["articles"] == 2


def test_manifest(articles: list[Path], tmp_path: Path) -> None:
    manifest = tmp_path / "packet.yaml"
    manifest.write_text(
        yaml.safe_dump(
            {
                "title": "Morning brief",
                "subtitle": "Ports",
                "organisation": "Research desk",
                "language": "en",
                "order": "date",
                "options": {"offline": True},
                "articles": [str(articles[0]), {"path": articles[1].name}, articles[2].name],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "m.md"
    code, _, err = run("packet", str(manifest), "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    header = yaml.safe_load(text.split("---\n")[1])
    assert header["lang"] == "en" and header["subtitle"] == "Ports" and header["organisation"] == "Research desk"
    assert "# Contents" in text and "目录" not in text
    # order: date → the undated English article first, then 2021-06-21, then 2021-06-22
    titles = [line[2:] for line in text.splitlines() if line.startswith("# ") and line != "# Contents"]
    assert titles == [
        "Port volumes rise",
        "第二篇文章",
        "厚植城市精神，彰显城市品格，全面提升上海城市软实力！市委全会通过这份重磅文件",
    ]


def test_split_writes_one_file_per_article_and_an_index(articles: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "split"
    code, _, err = run("packet", *map(str, articles), "-o", "x.md", "--split", str(folder), "--title", "今日简报")
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names[0].startswith("01-厚植城市精神") and names[-1] == "index.md" and len(names) == 4
    from urllib.parse import unquote

    index = unquote((folder / "index.md").read_text(encoding="utf-8"))
    for name in names[:-1]:
        assert docconv.read(folder / name).meta.title
        assert f"]({name})" in index


def test_bind_api(sample_path: Path) -> None:
    packet = docconv.bind([docconv.read(sample_path), docconv.read(ENGLISH)], {"title": "简报"})
    assert len(packet.documents) == 2 and packet.language == "zh-Hans" and not packet.is_single
    markdown = docconv.render(packet, "markdown").data.decode("utf-8")
    assert markdown.count("\n# ") == 3


def test_progress_is_quiet_in_pipes(articles: list[Path], tmp_path: Path) -> None:
    import subprocess

    out = tmp_path / "e.md"
    completed = subprocess.run(
        [sys.executable, "-m", "docconv", "packet", *map(str, articles), "-o", str(out), "--title", "T"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0
    assert completed.stderr == ""


def test_split_is_all_or_nothing(articles: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "split"
    folder.mkdir()
    (folder / "index.md").write_text("mine", encoding="utf-8")  # the last file the split would write
    code, _, err = run("packet", *map(str, articles), "-o", "x.md", "--split", str(folder), "--title", "T")
    assert code == 1
    assert "index.md" in err and "never replaces" in err
    assert [p.name for p in folder.iterdir()] == ["index.md"]
    assert (folder / "index.md").read_text(encoding="utf-8") == "mine"


def test_several_outputs_from_one_reading(articles: list[Path], tmp_path: Path) -> None:
    outputs = [tmp_path / "p.md", tmp_path / "p.epub"]
    code, _, err = run("packet", *map(str, articles), "-o", str(outputs[0]), "-o", str(outputs[1]), "--title", "T", "--offline")
    assert code == 0, err
    assert outputs[0].read_text(encoding="utf-8").startswith("---\ntitle: T\n")
    assert outputs[1].read_bytes()[:2] == b"PK"
    code, _, err = run("packet", *map(str, articles), "-o", str(tmp_path / "x.md"), "-o", str(tmp_path / "x.doc"), "--title", "T")
    assert code == 2 and "x.doc" in err
    assert not (tmp_path / "x.md").exists()


def _article(title: str, text: str, lang: str) -> docconv.Document:
    from docconv.model import Document, Metadata, Paragraph, Text

    return Document(meta=Metadata(title=title, language=lang), blocks=(Paragraph(children=(Text(text=text),)),))


JA = _article("能登の酒蔵", "地震で蔵が全壊した酒蔵が仕込みを再開しました。", "ja")
EN = _article("Ferry fares rise", "Ferry fares will rise by 9% from April.", "en-GB")
ZH = _article("多地推出消费券", "国庆假期临近，多地陆续推出新一轮消费券。", "zh-Hans")
HANT = _article("颱風逼近", "颱風海葵逼近，全台停班停課。", "zh-Hant")
JA2 = _article("新幹線の遅れ", "大雪の影響で新幹線に遅れが出ています。", "ja")
HANT2 = _article("台南老街", "台南老街的百年餅舖由第四代接手。", "zh-Hant")


@pytest.mark.parametrize(
    ("title", "documents", "language"),
    [
        ("今日简报", [JA, EN, ZH], "zh-Hans"),  # the title's language, shared by an article, over the first article's
        ("Morning briefing", [ZH, EN, JA], "en-GB"),  # an English title picks the English article's tag
        ("日本経済", [EN, JA, JA2], "ja"),  # a pure-kanji title reads as Chinese; no Chinese article, so the majority
        ("今日要闻", [EN, HANT, HANT2], "zh-Hant"),  # zh-Hans ≠ zh-Hant: the majority
        ("", [EN, JA, JA2], "ja"),  # no title: the majority
    ],
)
def test_packet_labels_follow_the_titles_language_when_an_article_shares_it(
    title: str, documents: list[docconv.Document], language: str
) -> None:
    packet = docconv.bind(documents, {"title": title})
    assert packet.language == language


def test_date_order_compares_instants_across_time_zones() -> None:
    from datetime import datetime, timedelta, timezone

    from docconv.binder import bind
    from docconv.model import Document, Metadata, PacketMeta, Paragraph, Text

    def article(title: str, date: datetime) -> Document:
        return Document(meta=Metadata(title=title, date=date), blocks=(Paragraph(children=(Text(text=title + " 正文。"),)),))

    beijing = timezone(timedelta(hours=8))
    # 08:00 in Beijing is midnight UTC, an hour before 01:00 UTC, although its wall clock reads later.
    later = article("London", datetime(2021, 6, 23, 1, 0, tzinfo=UTC))
    earlier = article("Beijing", datetime(2021, 6, 23, 8, 0, tzinfo=beijing))
    packet = bind([later, earlier], PacketMeta(title="t"), order="date")
    assert [d.meta.title for d in packet.documents] == ["Beijing", "London"]
