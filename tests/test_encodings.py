"""Decoding real bytes: BOM, HTTP header, <meta charset>, detection, WHATWG GBK→GB18030, wrong labels, U+FFFD."""

from __future__ import annotations

import codecs

import pytest

import docconv
from docconv.diagnostics import Reporter
from docconv.errors import InputError
from docconv.sources import canonical_encoding, decode
from tests.goldens import FIXTURES

ZH = "<p>城南老街上的𠮷记面馆依旧座无虚席，这家开了六十多年的面馆，招牌上的字常被误认为写错了。</p>"
ZH_HANT = "<p>走進台南中西區的新美街，一間木造門面的餅舖前總是排著長長的人龍，招牌的綠豆椪至今仍堅持每天現做。</p>"
JA = "<p>東京都内の銭湯の数は、最盛期だった年の約二千七百軒から、現在は五百軒を下回るまでに減少した。</p>"


def run(data: bytes, header: str | None = None) -> tuple[str, str, list[str]]:
    reporter = Reporter()
    text, encoding = decode(data, "test", reporter, header)
    return text, encoding, [d.code for d in reporter.diagnostics]


@pytest.mark.parametrize("label", ["gb2312", "GBK", "x-gbk", "gb18030", "chinese", "csGB2312"])
def test_gbk_labels_decode_as_gb18030_so_four_byte_sequences_survive(label: str) -> None:
    assert canonical_encoding(label) == "gb18030"
    data = f'<meta charset="{label}">'.encode() + ZH.encode("gb18030")
    text, encoding, codes = run(data)
    assert "𠮷记面馆" in text and encoding == "gb18030" and codes == []


@pytest.mark.parametrize(
    ("bom", "encoding"), [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_byte_order_mark_wins_over_a_declared_charset(bom: bytes, encoding: str) -> None:
    data = bom + ('<meta charset="gbk">' + ZH).encode(encoding)
    text, used, _ = run(data)
    assert used == encoding and "𠮷记面馆" in text and not text.startswith("\ufeff")


def test_http_header_wins_over_meta() -> None:
    data = b'<meta charset="big5">' + ZH.encode("gb18030")
    text, encoding, codes = run(data, header="gbk")
    assert encoding == "gb18030" and "𠮷记面馆" in text and codes == []


def test_no_break_spaces_encoded_twice_are_mended() -> None:
    twice = "\u00a0".encode("utf-8").decode("latin-1").encode("utf-8")  # what the page holds: "Â " in UTF-8
    data = b'<meta charset="iso-8859-1"><p>Published:' + twice + b"Friday, January 11, 2008</p><p>" + twice + "Café</p>".encode()
    text, encoding, codes = run(data)
    assert encoding == "utf-8" and "Published:\u00a0Friday" in text and "\u00c2" not in text and "Café" in text
    assert "mojibake-repaired" in codes


def test_undeclared_gb18030_is_detected() -> None:
    text, encoding, codes = run(ZH.encode("gb18030") * 3)
    assert encoding == "gb18030" and "𠮷记面馆" in text and codes == ["charset-detected"]


@pytest.mark.parametrize(("sample", "codec", "expected"), [(ZH_HANT, "big5", "big5hkscs"), (JA, "shift_jis", "cp932")])
def test_big5_and_shift_jis_declared_and_undeclared(sample: str, codec: str, expected: str) -> None:
    data = sample.encode(codec) * 3
    assert run(f'<meta charset="{codec}">'.encode() + data)[:2] == (f'<meta charset="{codec}">' + sample * 3, expected)
    text, encoding, _ = run(data)
    assert text == sample * 3 and encoding == expected


def test_page_labelled_gb2312_that_is_really_utf8_is_corrected() -> None:
    text, encoding, codes = run(b'<meta charset="gb2312">' + ZH.encode("utf-8"))
    assert encoding == "utf-8" and "𠮷记面馆" in text and codes == ["charset-corrected"]


def test_page_labelled_utf8_that_is_really_gbk_is_corrected() -> None:
    text, encoding, codes = run(b'<meta charset="utf-8">' + ZH.replace("𠮷", "吉").encode("gbk") * 2)
    assert encoding == "gb18030" and "吉记面馆" in text and codes == ["charset-corrected"]


@pytest.mark.parametrize(("sample", "codec"), [(ZH_HANT, "big5"), (JA, "shift_jis")])
def test_legacy_label_that_decodes_but_makes_nonsense_is_corrected(sample: str, codec: str) -> None:
    # Big5 and Shift_JIS bytes decode "successfully" as GB18030 into meaningless Han characters.
    text, _, codes = run(b'<meta charset="gbk">' + sample.encode(codec) * 3)
    assert sample in text and codes == ["charset-corrected"]


def test_a_few_bad_bytes_in_utf8_become_replacement_characters_with_a_warning() -> None:
    data = ZH.encode("utf-8") + b"\xff\xfe" + ZH.encode("utf-8")
    text, encoding, codes = run(data)
    assert encoding == "utf-8" and text.count("\ufffd") == 2 and "𠮷记面馆" in text and codes == ["undecodable-bytes"]


def test_a_declared_gb2312_page_with_a_stray_byte_stays_chinese() -> None:
    body = "《太行山上》主要讲述八路军总司令朱德率领刚刚改编完的八路军三个主力师东渡黄河，挺进抗日前线。" * 20
    data = b'<meta charset="gb2312"><p>' + body.encode("gb18030") + b"\xff\x80</p>" + body.encode("gb18030")
    reporter = Reporter()
    text, encoding = decode(data, "page", reporter)
    assert encoding == "gb18030"
    assert text.count("朱德") == 40
    assert [d.code for d in reporter.diagnostics] == ["undecodable-bytes"]


def test_unknown_label_is_reported_and_detection_takes_over() -> None:
    text, encoding, codes = run(b'<meta charset="x-no-such-thing">' + ZH.encode("utf-8"))
    assert encoding == "utf-8" and "𠮷" in text and codes[0] == "charset-unknown"


def test_binary_input_is_an_input_error_not_a_crash() -> None:
    with pytest.raises(InputError):
        run(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


@pytest.mark.parametrize(
    ("name", "encoding", "codes"),
    [
        ("article_zh_hant_big5.html", "big5hkscs", []),
        ("article_ja_shift_jis.html", "cp932", []),
        ("post_gb18030_undeclared.md", "gb18030", ["charset-detected"]),
        ("page_declared_gb2312_really_utf8.html", "utf-8", ["charset-corrected"]),
        ("page_declared_utf8_really_gbk.html", "gb18030", ["charset-corrected"]),
        ("post_utf8_bom_crlf.md", "utf-8", []),
    ],
)
def test_fixture_encodings(name: str, encoding: str, codes: list[str]) -> None:
    text, used, reported = run((FIXTURES / name).read_bytes())
    assert used == encoding and reported == codes and "\ufffd" not in text


def test_gb18030_fixture_keeps_every_four_byte_character() -> None:
    data = (FIXTURES / "post_gb18030_undeclared.md").read_bytes()
    assert "𠮷".encode("gb18030") in data and b"charset" not in data  # the fixture proves what it claims
    document = docconv.read(FIXTURES / "post_gb18030_undeclared.md")
    markdown = docconv.render(document, "markdown").data.decode("utf-8")
    assert markdown.count("𠮷") == data.decode("gb18030").count("𠮷") == 3
    assert "𡈽" in markdown


def test_control_characters_of_a_broken_page_reach_no_output() -> None:
    page = (
        "<html><head><title>Harbour\x01 news</title></head><body><article>"
        "<p>第一段\x08文字，港口的渡轮票价将从四月起上涨。\x1f</p><figure><img src='https://example.org/a.jpg' alt='pi\x03er'>"
        "<figcaption>The pier\x04 at dawn</figcaption></figure><pre>tries = 2\x05</pre></article></body></html>"
    )
    document = docconv.read(page.encode("utf-8"), offline=True)
    for fmt in ("markdown", "html"):
        output = docconv.render(document, fmt).data.decode("utf-8")
        assert not [c for c in output if ord(c) < 0x20 and c not in "\t\n\r"], fmt
        assert "第一段文字" in output and "The pier at dawn" in output and "tries = 2" in output
