"""Localised UI strings and date display for every output, by the document's language.

No English leaks into a Chinese packet: every label a renderer prints comes from here.
"""

from __future__ import annotations

from datetime import datetime

from docconv.language import primary

_STRINGS: dict[str, dict[str, str]] = {
    "zh-Hans": {
        "contents": "目录",
        "source": "来源",
        "author": "作者",
        "authors": "作者",
        "date": "日期",
        "published": "发布时间",
        "page": "第 {n} 页",
        "page_of": "第 {n} 页 / 共 {total} 页",
        "image": "图片",
        "image_placeholder": "[图片：{text}]",
        "image_placeholder_bare": "[图片]",
        "articles": "共 {n} 篇文章",
        "not_included": "未收录的文章",
        "not_included_intro": "以下文章未能收录：",
        "links": "链接",
        "cover": "封面",
        "list_separator": "、",
        "prepared_by": "编制",
        "table": "表",
    },
    "zh-Hant": {
        "contents": "目錄",
        "source": "來源",
        "author": "作者",
        "authors": "作者",
        "date": "日期",
        "published": "發佈時間",
        "page": "第 {n} 頁",
        "page_of": "第 {n} 頁 / 共 {total} 頁",
        "image": "圖片",
        "image_placeholder": "[圖片：{text}]",
        "image_placeholder_bare": "[圖片]",
        "articles": "共 {n} 篇文章",
        "not_included": "未收錄的文章",
        "not_included_intro": "以下文章未能收錄：",
        "links": "連結",
        "cover": "封面",
        "list_separator": "、",
        "prepared_by": "編製",
        "table": "表",
    },
    "ja": {
        "contents": "目次",
        "source": "出典",
        "author": "著者",
        "authors": "著者",
        "date": "日付",
        "published": "公開日",
        "page": "{n} ページ",
        "page_of": "{n} / {total} ページ",
        "image": "画像",
        "image_placeholder": "[画像：{text}]",
        "image_placeholder_bare": "[画像]",
        "articles": "{n} 件の記事",
        "not_included": "収録されなかった記事",
        "not_included_intro": "次の記事は収録できませんでした：",
        "links": "リンク",
        "cover": "表紙",
        "list_separator": "、",
        "prepared_by": "作成",
        "table": "表",
    },
    "ko": {
        "contents": "목차",
        "source": "출처",
        "author": "작성자",
        "authors": "작성자",
        "date": "날짜",
        "published": "게시일",
        "page": "{n}쪽",
        "page_of": "{n} / {total}쪽",
        "image": "이미지",
        "image_placeholder": "[이미지: {text}]",
        "image_placeholder_bare": "[이미지]",
        "articles": "기사 {n}건",
        "not_included": "포함되지 않은 기사",
        "not_included_intro": "다음 기사는 포함되지 않았습니다:",
        "links": "링크",
        "cover": "표지",
        "list_separator": ", ",
        "prepared_by": "작성",
        "table": "표",
    },
    "en": {
        "contents": "Contents",
        "source": "Source",
        "author": "Author",
        "authors": "Authors",
        "date": "Date",
        "published": "Published",
        "page": "Page {n}",
        "page_of": "Page {n} of {total}",
        "image": "Image",
        "image_placeholder": "[Image: {text}]",
        "image_placeholder_bare": "[Image]",
        "articles": "{n} articles",
        "not_included": "Articles not included",
        "not_included_intro": "The following articles could not be included:",
        "links": "Links",
        "cover": "Cover",
        "list_separator": ", ",
        "prepared_by": "Prepared by",
        "table": "Table",
    },
}


def locale_key(language: str | None) -> str:
    """The string table for a BCP 47 tag: zh-Hans, zh-Hant, ja, ko or en."""
    tag = (language or "en").lower()
    if tag.startswith("zh"):
        return "zh-Hant" if ("hant" in tag or tag.endswith(("-tw", "-hk", "-mo"))) else "zh-Hans"
    key = primary(tag)
    return key if key in _STRINGS else "en"


def text(key: str, language: str | None, **values: object) -> str:
    """A UI string: ``text("page_of", "zh-Hans", n=3, total=9)`` → ``第 3 页 / 共 9 页``."""
    template = _STRINGS[locale_key(language)][key]
    return template.format(**values) if values else template


def strings(language: str | None) -> dict[str, str]:
    return dict(_STRINGS[locale_key(language)])


def format_date(value: datetime | None, language: str | None) -> str:
    """Display form of a date: ``2021年6月22日`` for CJK, ``22 June 2021`` for English."""
    if value is None:
        return ""
    key = locale_key(language)
    if key in ("zh-Hans", "zh-Hant", "ja"):
        return f"{value.year}年{value.month}月{value.day}日"
    if key == "ko":
        return f"{value.year}년 {value.month}월 {value.day}일"
    return f"{value.day} {value.strftime('%B')} {value.year}"


def image_placeholder(alt: str, caption: str, language: str | None) -> str:
    """What a lost image becomes: its description, or a bare marker when it has none."""
    description = alt or caption
    if description:
        return text("image_placeholder", language, text=description)
    return text("image_placeholder_bare", language)
