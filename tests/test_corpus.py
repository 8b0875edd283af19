"""The fixture corpus: each real-world input shape reads to its golden tree and Markdown.

For every fixture: the tree dump and the Markdown match fixtures/golden/ (regenerate with
``pytest --update-goldens`` or ``DOCCONV_UPDATE_GOLDENS=1``, then review the diff); title, date and
language are right; every paragraph's text is in the Markdown; and the Markdown round-trips.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import docconv
from docconv.binder import single
from docconv.diagnostics import Reporter
from docconv.dump import dump
from docconv.model import CodeBlock, Document, Figure, Heading, ListBlock, Paragraph, Quote, Table, plain_text
from docconv.options import Options
from docconv.readers.markdown import parser
from docconv.renderers.markdown.projection import markdown_projection
from docconv.renderers.markdown.refs import vet_packet
from tests.goldens import FIXTURES, check_golden


@dataclass(frozen=True)
class Case:
    name: str
    title: str
    date: str | None  # ISO 8601 with zone
    language: str
    present: tuple[str, ...] = ()  # sentences that must survive into the article
    absent: tuple[str, ...] = ()  # page furniture that must not


CORPUS = (
    Case(
        "post_guancha_shanghai_soft_power.txt",
        "厚植城市精神，彰显城市品格，全面提升上海城市软实力！市委全会通过这份重磅文件",
        "2021-06-22T21:43:08+00:00",
        "zh-Hans",
        ("全会指出，要咬定",),
    ),
    Case(
        "post_hexo_markdown_body.md",
        "国产大飞机商业运营一周年：C919交出了怎样的成绩单",
        "2024-05-28T10:20:00+08:00",
        "zh-Hans",
        ("平均客座率接近85%", "——一位在虹桥机场接受采访的旅客"),
    ),
    Case(
        "post_jekyll_html_body.html",
        "Inside the co-op that repairs the city's broken bicycles",
        "2023-03-14T09:30:00+08:00",
        "en",
        ("HK-0413 alu", "Nobody arrives knowing how to true a wheel."),
    ),
    Case(
        "post_gb18030_undeclared.md",
        "一碗面里的城市记忆：老字号面馆的“吉”祥新年",
        "2024-02-08T19:00:00+08:00",
        "zh-Hans",
        ("“𠮷记面馆”依旧座无虚席", "儿子吉𡈽（小名“阿土”）", "𠮷祥如意面"),
    ),
    Case(
        "post_utf8_bom_crlf.md",
        "开学第一课：这所乡村小学的“AI课堂”",
        "2023-09-01T08:00:00+08:00",
        "zh-Hans",
        ("学校共有学生186名",),
    ),
    Case(
        "post_broken_quoted_title.md",
        "Why Matrix Multiplication Is Still Not Solved_ Notes on the Exponent Omega",
        "2022-11-03T07:45:12+00:00",
        "en",
        ("seven multiplications instead of eight", "Whether ω equals 2 is still unknown."),
    ),
    Case(
        "article_with_table.html",
        "一季度全省外贸数据出炉：进出口总值同比增长6.8%",
        "2024-04-18T16:05:00+08:00",
        "zh-Hans",
        ("“一带一路”沿线国家", "劳动密集型产品合计"),
    ),
    Case(
        "fragment_with_lists.html",
        "个人所得税综合所得年度汇算开始办理，这些要点请收好",
        None,
        "zh-Hans",
        ("住房租金按城市规模每月800元至1500元不等。", "在多个取得收入的单位重复享受同一扣除；"),
    ),
    Case(
        "article_en_quotes_and_languages.html",
        "The translators who carry poems across the Pacific",
        "2022-09-30T09:00:00-07:00",
        "en",
        ("床前明月光，", "低头思故乡。", "木漏れ日", "the door sticks"),
    ),
    Case(
        "article_with_figure_captions.html",
        "秋到额济纳：胡杨林里的三天两夜",
        "2023-10-09T20:18:00+08:00",
        "zh-Hans",
        ("清晨的二道桥，弱水河在胡杨林间蜿蜒。", "四道桥英雄林中，一棵倒伏多年的胡杨仍保持着挺立的姿态"),
    ),
    Case(
        "article_zh_hant_big5.html",
        "台南老街的百年餅舖：第四代接手後的轉型路",
        "2023-12-02T14:20:00+08:00",
        "zh-Hant",
        ("最資深的阿雪姨已經在店裡工作了四十三年",),
    ),
    Case(
        "article_ja_shift_jis.html",
        "消えゆく銭湯を守れ 若手経営者たちの挑戦",
        "2024-01-20T06:00:00+09:00",
        "ja",
        ("目標の3倍にあたる約900万円が集まった",),
    ),
    Case("fragment_korean.html", "서울 지하철, 새벽 첫차 30분 앞당긴다", None, "ko", ("Seoul Metro said the change",)),
    Case(
        "page_declared_gb2312_really_utf8.html",
        "社区食堂开进老小区 老人吃饭不再难",
        "2023-08-21T08:40:00+08:00",
        "zh-Hans",
        ("刷卡付了十二元",),
    ),
    Case(
        "page_declared_utf8_really_gbk.html",
        "秋粮收购启动 农民卖粮更方便了",
        "2023-10-12T09:15:00+08:00",
        "zh-Hans",
        ("新增了一百二十个“移动收购点”",),
    ),
    Case(
        "page_full_news_with_boilerplate.html",
        "长江口生态修复三年考：江豚回来了，渔民上岸了",
        "2024-03-15T07:30:00+08:00",
        "zh-Hans",
        ("58岁的顾国忠举起望远镜", "（责任编辑：王珂）"),
        ("客户端下载", "相关新闻", "网友评论", "江边的风", "24小时热榜", "春季理财节", "版权所有", "分享到", "扫码关注"),
    ),
    Case(
        "page_news_br_paragraphs.html",
        "市政府召开新闻发布会 介绍城市更新进展",
        "2024-03-05T10:00:00+08:00",
        "zh-Hans",
        ("介绍今年城市更新工作的最新进展。", "统筹推进管网改造和加装电梯等工作。"),
        ("首页", "分享到", "相关新闻", "城市更新条例明起施行", "版权所有"),
    ),
    Case(
        "page_wechat_hidden_until_script.html",
        "重磅！这项新规明起施行",
        "2024-06-30T18:00:00+08:00",
        "zh-Hans",
        ("条例共七章五十条", "并告知当事人享有的权利。", "来源：某某日报"),
        ("微信扫一扫", "关注该公众号", "某某发布"),
    ),
    Case(
        "page_gov_table_layout_gb2312.html",
        "关于做好2024年春季农业生产工作的通知",
        "2024-02-20T00:00:00+08:00",
        "zh-Hans",
        ("确保粮食生产稳定发展，现将有关事项通知如下：", "开展技术培训和现场指导。", "县农业农村局"),
        ("网站首页", "政务公开", "主办单位", "ICP备案号"),
    ),
    Case(
        "page_zh_hant_related_reading.html",
        "颱風海葵逼近 全台停班停課一覽",
        "2023-09-03T18:30:00+08:00",
        "zh-Hant",
        ("12縣市明（4）日停止上班上課。", "預計明天清晨至上午在台東附近登陸。", "（責任編輯：林美華）"),
        ("延伸閱讀", "颱風假怎麼算", "防颱準備清單", "留言區", "Copyright", "首頁"),
    ),
    Case(
        "page_hexo_blog_code_gutter.html",
        "用 Python 批量处理 CSV 文件",
        "2023-05-04T10:00:00+00:00",
        "zh-Hans",
        ("有些文件是用 GBK 编码保存的", "提示：大文件请用生成器", "最后写出新文件。"),
        ("上一篇", "下一篇", "写得很清楚", "强力驱动", "归档", "# Python"),
    ),
    Case(
        "page_ja_news_header_tags.html",
        "能登の酒蔵 再建へ一歩",
        "2024-03-11T18:42:00+09:00",
        "ja",
        ("珠洲（すず）市の酒蔵", "すでに完売したということです。", "「蔵は失っても、味は守りたい」"),
        ("関連ニュース", "アクセスランキング", "Copyright", "LINEで送る", "能登半島地震", "18時42分", "トップ"),
    ),
    Case(
        "page_en_news_lead_photo_standfirst.html",
        "Ferry fares to rise 9% as operators cite fuel costs",
        "2024-02-12T06:00:00+00:00",
        "en-GB",
        (
            "Island residents say increase will make commuting unaffordable",
            "Moira Grant, Skara community council",
            "The 6.10am sailing leaves the harbour.",
            "would “look carefully” at the proposals",
        ),
        (
            "Skip to main content",
            "Related:",
            "Island bridge plan shelved",
            "Advertisement",
            "small favour",
            "Most viewed",
            "Reuse this content",
            "Opinion",
            "Last modified",
        ),
    ),
    Case(
        "page_ko_news_byline.html",
        "서울 지하철 요금 150원 인상…10월부터 적용",
        "2023-08-14T10:30:00+09:00",
        "ko",
        ("기본요금을 1,250원에서 1,400원으로", "버스 요금은 이미 인상", "14일 서울 시내 한 지하철역 개찰구"),
        ("관련기사", "많이 본 뉴스", "좋아요", "입력 2023.08.14", "정치", "All rights reserved"),
    ),
    Case(
        "page_wechat_2020_visible.html",
        "老城区的“口袋公园”，是怎样一块块长出来的？",
        "2020-06-29T00:00:00+08:00",
        "zh-Hans",
        ("他们的办法是“见缝插绿”", "改造后的胡同口小公园。刘小溪 摄", "志愿者“园长”在巡查。图源：东四街道", "编辑：陈默"),
        (
            "点击上方蓝字",
            "往期推荐",
            "胡同里的共享菜园",
            "长按识别二维码",
            "喜欢此内容的人还喜欢",
            "写留言",
            "微信扫一扫",
            "阅读原文",
        ),
    ),
    Case(
        "page_wechat_2022_hidden_sections.html",
        "一杯咖啡的碳足迹，算得清吗？",
        "2022-09-01T01:00:00+00:00",
        "zh-Hans",
        ("种植环节往往占了大头", "云南普洱的一处咖啡种植园。视觉中国 资料图", "参考资料"),
        ("分享、点赞、在看", "- END -", "写留言", "#低碳生活", "微信扫一扫"),
    ),
    Case(
        "page_news_photo_credit.html",
        "男子被困废弃厂房 扔出求救纸团获救",
        "2024-05-12T10:21:33+08:00",
        "zh-Hans",
        ("写着求救信息的纸团。沙河区公安分局供图", "消防员破拆厂房铁门。记者 何雨 摄", "视觉中国 资料图", "责任编辑：张涛"),
        ("上一篇", "下一篇", "我要跟帖", "已输入0字", "相关新闻", "老人被困电梯", "字号", "举报", "24小时热榜", "分享到"),
    ),
    Case(
        "page_gov_law_fulltext.html",
        "某市城市绿化条例",
        "2024-04-26T16:30:00+08:00",
        "zh-Hans",
        ("第一条　为了加强城市绿化建设和管理", "第十六条　在城市绿地内禁止下列行为", "第二十条　本条例自2024年7月1日起施行。"),
        ("网站首页", "当前位置", "打印本页", "相关链接", "主办单位", "字体", "地方性法规"),
    ),
    Case(
        "page_portal_related_first.html",
        "县城咖啡馆为什么越开越多？",
        "2024-06-18T08:05:00+08:00",
        "zh-Hans",
        ("晚上八点，在江西一座人口不到四十万的县城", "只要这个需要在，店就能开下去。", "责任编辑：吴越"),
        ("夜经济升温", "茶饮品牌的下沉之战", "24小时热门", "我们县城也是", "分享到", "2024-06-18 08:05:12"),
    ),
    Case(
        # No element is marked as furniture: the channel menu, the "最新" headlines and the footer
        # are plain divs of links and lines.
        "page_unmarked_menu_and_footer.html",
        "运河沿线十三座城市开出“新春第一会”",
        "2023-01-30T19:42:05+08:00",
        "zh-Hans",
        ("节后第一个工作日，运河沿线各市", "当场就有部门认领了办理时限。", "整合：清源晚报记者 周启明"),
        (
            "时政",
            "文娱",
            "元宵灯会下周开幕",
            "候鸟回到湿地公园",
            "报业大厦",
            "ICP备",
            "2023-01-30 19:42:05",
            "反侵权公告",
            "版权合作",
        ),
    ),
    Case(
        # An unknown element in <head> makes lxml keep the whole page in the head (no <body>);
        # a browser closes the head there. The only date is the copyright line's, which is not one.
        "page_broken_head_table_layout.html",
        "Riverside town opens its new library after three years of building",
        None,
        "en",
        ("RIVERSIDE, March 3: The town opened", "when the council's new budget takes effect."),
        ("Local News", "Latest headlines", "Bridge repairs", "Privacy", "Search"),
    ),
    Case(
        # The story's container holds a share bar in a layout table, a date line, an empty byline,
        # previous/next links and a list of the site's other stories; a list of sources stays.
        "page_en_story_tail_sources.html",
        "The canal that taught a city to swim again",
        "2024-07-02T07:30:00+01:00",
        "en",
        ("four hundred of them walked into it.", "WHO guidelines on recreational water", "City water readings, 2022 to 2024"),
        ("Add to Facebook", "Tue, July 2, 2024", "Previous story", "More from the Courier", "Night market", "Most read"),
    ),
    Case(
        "page_en_gallery_repeated_caption.html",
        "Harbour swimmers brave the cold for the solstice dip",
        "2023-12-22T09:15:00+00:00",
        "en-US",
        ("largest turnout since the event began in 1998", "Two regulars reach the marker buoy.", "Photo: Tom Reilly"),
        ("print header logo", "Next article", "Most read", "Skip to main content", "Share on X", "All rights reserved"),
    ),
    Case(
        "page_pixnet_logo_h1.html",
        "苗栗南庄_山中小屋露營記 (3)",
        "2023-11-12T21:40:00+08:00",
        "zh-Hant",
        ("客家湯圓和菜包是必點", "觀景點看出去的山谷", "很適合想要安靜一點的家庭。"),
        ("痞客邦 PIXNET", "留言列表", "上一篇", "熱門文章", "請問營地可以帶狗嗎", "全站分類"),
    ),
    Case(
        "page_full_en_blog_with_comments.html",
        "Why the night ferry still matters",
        "2023-11-08T18:45:00+00:00",
        "en-GB",
        ("a lifeline with a timetable",),
        (
            "Skip to content",
            "Sign up free",
            "Leave a Reply",
            "Write to your councillor",
            "Related",
            "Recent Posts",
            "Proudly powered",
            "Previous:",
            "Share this",
        ),
    ),
)
IDS = [case.name for case in CORPUS]


@cache
def read_case(name: str) -> tuple[Document, tuple[str, ...]]:
    reporter = Reporter()
    document = docconv.read(FIXTURES / name, reporter=reporter)
    return document, tuple(f"{d.code}" for d in reporter.diagnostics)


@cache
def markdown_of(name: str) -> str:
    return docconv.render(read_case(name)[0], "markdown").data.decode("utf-8")


def stem(name: str) -> str:
    return Path(name).stem


def squash(text: str) -> str:
    """Text compared without whitespace and with compatibility forms folded (¹ → 1, CO₂ → CO2)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def article_texts(blocks: tuple) -> list[str]:  # type: ignore[type-arg]
    """Every paragraph, heading, list item, quote, cell and caption text of a tree."""
    texts: list[str] = []
    for block in blocks:
        match block:
            case Paragraph(children=children) | Heading(children=children):
                texts.append(plain_text(children))
            case ListBlock(items=items):
                for item in items:
                    texts.extend(article_texts(item.blocks))
            case Quote(blocks=inner):
                texts.extend(article_texts(inner))
            case Table(head=head, body=body, caption=caption):
                texts.append(caption)
                texts.extend(plain_text(cell.children) for row in head + body for cell in row.cells)
            case Figure(caption=caption, alt=alt):
                texts.append(caption or alt)
            case CodeBlock(text=code):
                texts.append(code)
    return [t for t in texts if t.strip()]


def markdown_plain_text(markdown: str) -> str:
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    soup = BeautifulSoup(parser().render(body), "lxml")
    captions = [str(img.get("title") or img.get("alt") or "") for img in soup.find_all("img")]
    return soup.get_text() + "\n".join(captions)


def test_corpus_has_every_shape() -> None:
    assert len(CORPUS) >= 12
    on_disk = {p.name for p in FIXTURES.iterdir() if p.is_file() and p.suffix in (".html", ".md", ".txt")}
    assert on_disk <= set(IDS), f"fixtures without a corpus entry: {sorted(on_disk - set(IDS))}"


@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_tree_matches_golden(case: Case, request: pytest.FixtureRequest) -> None:
    check_golden(request, f"{stem(case.name)}.tree.txt", dump(read_case(case.name)[0]))


@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_markdown_matches_golden(case: Case, request: pytest.FixtureRequest) -> None:
    check_golden(request, f"{stem(case.name)}.md", markdown_of(case.name))


@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_metadata(case: Case) -> None:
    meta = read_case(case.name)[0].meta
    assert meta.title == case.title
    assert (meta.date.isoformat() if meta.date else None) == case.date
    assert meta.language == case.language


@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_article_text_survives_and_furniture_does_not(case: Case) -> None:
    document = read_case(case.name)[0]
    text = squash("\n".join(article_texts(document.blocks)))
    for sentence in case.present:
        assert squash(sentence) in text, sentence
    for furniture in case.absent:
        assert squash(furniture) not in text, furniture
    assert "\ufffd" not in text, "mojibake: replacement characters in the article"


@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_every_paragraph_is_in_the_markdown(case: Case) -> None:
    document = read_case(case.name)[0]
    plain = squash(markdown_plain_text(markdown_of(case.name)))
    missing = [t for t in article_texts(document.blocks) if squash(t) not in plain]
    assert not missing, missing[:3]


@pytest.mark.parametrize("case", CORPUS, ids=IDS)
def test_markdown_round_trip(case: Case) -> None:
    document = read_case(case.name)[0]
    first = markdown_of(case.name)
    again = docconv.read(first.encode("utf-8"))
    # What the Markdown renderer writes from: refused image references replaced by their descriptions.
    vetted = vet_packet(single(document), Options(), Reporter()).documents[0]
    projected = markdown_projection(vetted)
    assert again.meta == projected.meta
    # Compared through the projection on both sides: normalise-whitespace puts the space before
    # an emphasis inside it ("the" + Emphasis(" Saint Brendan")), which Markdown cannot carry and
    # the projection moves back out (reported to the transform's owner).
    assert markdown_projection(again).blocks == projected.blocks
    assert docconv.render(again, "markdown").data.decode("utf-8") == first
