"""The article, the whole article and nothing but the article: region, furniture, captions, titles."""

from __future__ import annotations

import pytest

import docconv
from docconv.captions import is_credit_line
from docconv.diagnostics import Reporter
from docconv.model import Block, Figure, Heading, ListBlock, Paragraph, Quote, comparable, plain_text
from docconv.options import Options
from tests.goldens import FIXTURES
from tests.test_corpus import CORPUS

PAGES = [case.name for case in CORPUS if case.name.endswith(".html")]


def _flat(blocks: tuple[Block, ...]) -> list[Block]:
    flat: list[Block] = []
    for block in blocks:
        flat.append(block)
        if isinstance(block, ListBlock):
            flat.extend(b for item in block.items for b in _flat(item.blocks))
        elif isinstance(block, Quote):
            flat.extend(_flat(block.blocks))
    return flat


@pytest.mark.parametrize("name", PAGES)
def test_no_heading_is_a_caption_and_no_caption_is_repeated(name: str) -> None:
    blocks = _flat(docconv.read(FIXTURES / name, Options(offline=True)).blocks)
    captions = [comparable(b.caption) for b in blocks if isinstance(b, Figure) and b.caption]
    assert len(captions) == len(set(captions)), captions
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            text = plain_text(block.children)
            assert comparable(text) not in captions and not is_credit_line(text), text
            assert not (index > 0 and isinstance(blocks[index - 1], Figure) and not blocks[index - 1].caption), text  # type: ignore[union-attr]


def _page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


def _paragraphs(document: docconv.Document) -> list[str]:
    return [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]


_PROSE = "".join(
    f"<p>第{n}段：老城区寸土寸金，街道把拆违腾退出来的边角地改成口袋公园，居民议事会决定种什么树、放几把椅子，志愿者每天巡查两次。</p>"
    for n in range(8)
)


def test_a_logo_heading_never_becomes_the_title() -> None:
    head = "<title>南庄露營記 (3) @ 阿哲的筆記本 :: 痞客邦 PIXNET ::</title>"
    body = (
        "<div id='bar'><h1><a href='https://www.pixnet.example.net/'>痞客邦 PIXNET</a></h1></div>"
        f"<div class='article'><h2 class='title'><a href='/blog/post/1'>南庄露營記 (3)</a></h2>{_PROSE}</div>"
    )
    assert docconv.read(_page(body, head), Options(offline=True)).meta.title == "南庄露營記 (3)"


@pytest.mark.parametrize(
    ("head", "body_top", "title"),
    [
        # A site suffix after a full-width colon, set off from the headline the page shows.
        (
            "<title>芸術祭賞、「チコちゃん」が受賞：朝日新聞デジタル</title>",
            "<h1>芸術祭賞、「チコちゃん」が受賞</h1>",
            "芸術祭賞、「チコちゃん」が受賞",
        ),
        # The logo heading names the site, and the site's name comes off the title.
        (
            "<title>ツリーを描画できる「Treeviz」:phpspot開発日誌</title>",
            "<h1><a href='/blog/'><img src='/logo.jpg' alt='phpspot開発日誌'></a></h1>",
            "ツリーを描画できる「Treeviz」",
        ),
        # A hidden heading that is the site's name the <title> adds to the headline.
        (
            "<title>‘Fantastic Beasts’: A Nice Place to Visit | The New Republic</title>"
            "<meta property='og:title' content='‘Fantastic Beasts’: A Nice Place to Visit'>",
            "<h1 class='visually-hidden'>The New Republic</h1>",
            "‘Fantastic Beasts’: A Nice Place to Visit",
        ),
        # The site's name inside the headline is a word of it, not a suffix.
        ("<title>Lina Morgana on Twitter</title><meta property='og:site_name' content='Twitter'>", "", "Lina Morgana on Twitter"),
        # A logo <h1> that the <title> adds after the headline and a section.
        (
            "<title>如何推動區域經貿合作 | ETtoday論壇新聞 | ETtoday 新聞雲</title>"
            "<meta property='og:title' content='如何推動區域經貿合作'>",
            "<h1>ETtoday 新聞雲</h1><h2 class='title' itemprop='headline'>如何推動區域經貿合作</h2>",
            "如何推動區域經貿合作",
        ),
        # A section and the site after the headline, each far shorter than it.
        ("<title>郝龍斌：贊成修憲和內閣制 | 要聞 | 即時新聞 | 聯合新聞網</title>", "", "郝龍斌：贊成修憲和內閣制"),
        # Every metadata title is the site's slogan: the headline on the page is the title.
        (
            "<title>風傳媒　專注揭弊的新媒體！</title><meta property='og:title' content='風傳媒　專注揭弊的新媒體！'>"
            "<meta property='og:site_name' content='風傳媒　專注揭弊的新媒體！'>",
            "<h3 class='innerBigNewsTitle'>油價跌跌不休 重挫歐美股市</h3>",
            "油價跌跌不休 重挫歐美股市",
        ),
    ],
)
def test_the_sites_name_comes_off_the_title_only_where_it_is_set_off(head: str, body_top: str, title: str) -> None:
    body = f"{body_top}<div class='content'>{_PROSE}</div>"
    assert docconv.read(_page(body, head), Options(offline=True)).meta.title == title


@pytest.mark.parametrize(
    "counted", ["(3 条消息) 秋粮收购启动 - 某某网", "(12) 秋粮收购启动 - 某某网", "（2 new messages）秋粮收购启动 - 某某网"]
)
def test_the_unread_count_a_signed_in_page_puts_before_its_title_is_no_part_of_it(counted: str) -> None:
    head = f"<title>{counted}</title>"
    body = f"<div class='content'>{_PROSE}</div>"
    assert docconv.read(_page(body, head), Options(offline=True)).meta.title == "秋粮收购启动"


def test_without_a_heading_the_metadata_titles_agree_on_one_cleaned_of_its_site() -> None:
    head = "<title>秋粮收购启动_新闻中心_某某网</title><meta name='ArticleTitle' content='秋粮收购启动'>"
    body = f"<div class='nav'><a href='/'>首页</a></div><div class='content'>{_PROSE}</div>"
    assert docconv.read(_page(body, head), Options(offline=True)).meta.title == "秋粮收购启动"


def test_wechat_creation_time_is_the_date() -> None:
    head = "<title>标题</title><script>var nickname = '某号'; var ct = \"1593417600\";</script>"
    body = f"<div id='js_content'>{_PROSE}</div><div id='js_pc_qr_code'>微信扫一扫</div>"
    document = docconv.read(_page(body, head), Options(offline=True))
    assert document.meta.date is not None and document.meta.date.isoformat().startswith("2020-06-29T08:00:00")


def test_a_form_wrapping_the_page_is_read_as_its_layout() -> None:
    body = f"<form id='form1' action='page.aspx'><input type='hidden' name='__VIEWSTATE' value='x'><div>{_PROSE}</div></form>"
    document = docconv.read(_page(body, "<title>t</title>"), Options(offline=True))
    assert sum(isinstance(b, Paragraph) for b in document.blocks) == 8


def _rescue(html: str, kept: list[Block]) -> tuple[list[Block], list[str]]:
    from docconv.readers.html.blocks import HtmlToBlocks
    from docconv.readers.html.extract import _trafilatura_verdict
    from docconv.readers.html.rescue import Verdict, rescued

    reporter = Reporter()
    verdict = _trafilatura_verdict(html, None, reporter)
    assert verdict is not None
    blocks = rescued(kept, Verdict(verdict.text, True, html), None, HtmlToBlocks(reporter), reporter)
    return blocks, [d.code for d in reporter.diagnostics]


_ENGLISH = "".join(
    f"<p>Paragraph {n}: the harbour swim raised money for the lifeboat station, and volunteers handed out tea.</p>"
    for n in range(8)
)


def test_when_the_walk_keeps_under_half_of_the_article_the_extractors_reading_is_taken() -> None:
    html = _page(f"<nav><a href='/'>Home</a></nav><div class='story'>{_ENGLISH}</div><footer>© Courier</footer>").decode()
    walked: list[Block] = [Paragraph(children=(docconv.model.Text(text="Paragraph 0: the harbour swim"),))]
    blocks, codes = _rescue(html, walked)
    assert sum(plain_text(b.children).startswith("Paragraph") for b in blocks if isinstance(b, Paragraph)) == 8
    assert "extraction-fallback" in codes
    whole, codes = _rescue(html, blocks)
    assert whole is blocks and "extraction-fallback" not in codes  # enough kept: the walk's blocks stay


def test_the_extractors_reading_brings_the_articles_pictures_but_not_the_pages_icons() -> None:
    icons = "".join(
        f"<a href='https://{site}.example.com/submit?url=x'><img src='/images/{site}.gif' width='20' height='20' alt='{site}'></a>"
        for site in ("fark", "digg", "reddit")
    )
    photo = "<p><img src='https://img.example.com/2008/lifeboat.jpg' alt='The lifeboat leaves the harbour'></p>"
    html = _page(f"<div class='story'>{_ENGLISH[:300]}{photo}{_ENGLISH[300:]}<p>{icons}</p></div>").decode()
    blocks, codes = _rescue(html, [])
    assert "extraction-fallback" in codes
    assert [b.src for b in blocks if isinstance(b, Figure)] == ["https://img.example.com/2008/lifeboat.jpg"]


def test_the_extractors_reading_never_brings_text_a_reader_does_not_see() -> None:
    hidden = "<textarea>TEXTAREALEAK " * 3 + "</textarea><iframe>IFRAMETEXT</iframe><noscript>NOSCRIPTLEAK</noscript>"
    html = _page(f"<div class='story'>{_ENGLISH}{hidden}</div>").decode()
    blocks, _ = _rescue(html, [])
    text = " ".join(plain_text(b.children) for b in blocks if isinstance(b, Paragraph))
    assert "Paragraph 7" in text and "LEAK" not in text and "IFRAMETEXT" not in text


def test_furniture_inside_the_article_goes_and_the_editor_line_stays() -> None:
    body = (
        "<div class='article-body'>"
        "<p>首页 &gt; 社会 &gt; 正文</p><p>字号：大 中 小</p>"
        f"{_PROSE}"
        "<p style='text-align:center'><img src='https://img.example.cn/a.jpg' width='600'></p>"
        "<p>市民在新开放的公园里散步。记者 王磊 摄</p>"
        f"{_PROSE}<p>责任编辑：李明</p>"
        "<p><img src='https://img.example.cn/end_news.png' width='12' height='11'></p>"
        "<p>上一篇：<a href='/a/1.html'>暴雨过后积水排干了</a></p>"
        "<p><strong>往期推荐</strong></p><p><a href='/a/2.html'>共享菜园第一茬菜收了</a></p><p><a href='/a/3.html'>加装电梯难在哪儿</a></p>"
        "<p>发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)</p><p>(本文发表于首页, 已被阅读178次)</p>"
        "<p>本文通告引用(Trackback)链接: /wp-trackback.php?p=1700</p>"
        "</div><div class='comment'>我要跟帖 已输入0字</div>"
    )
    document = docconv.read(_page(body, "<title>公园</title>"), Options(offline=True))
    texts = [plain_text(b.children) for b in document.blocks if isinstance(b, (Paragraph, Heading))]
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    assert [f.caption for f in figures] == ["市民在新开放的公园里散步。记者 王磊 摄"]
    assert "责任编辑：李明" in texts
    for furniture in ("首页", "字号", "上一篇", "往期推荐", "共享菜园", "我要跟帖", "3727", "178", "Trackback"):
        assert not any(furniture in t for t in texts), furniture


def test_on_a_table_laid_page_a_verdict_that_starts_in_the_footer_gives_way(monkeypatch: pytest.MonkeyPatch) -> None:
    from bs4 import BeautifulSoup

    from docconv.readers.html import extract

    article = "The agency approved the research on Thursday, a ruling expected to boost the supply of cells. " * 12
    footer = "This site is part of the Transcontinental Media Network: Amherst Daily News; Cape Breton Post. " * 3
    html = f"<html><body><table><tr><td>{article}</td></tr><tr><td>{footer}</td></tr></table></body></html>"
    verdicts = {False: extract._Verdict(footer.replace(" ", ""), 300), True: extract._Verdict(article.replace(" ", ""), 200)}
    monkeypatch.setattr(extract, "_trafilatura_verdict", lambda html, base, reporter, tables=True: verdicts[tables])
    soup = BeautifulSoup(html, "lxml")
    assert soup.body is not None
    verdict, tables = extract._verdict_for_layout(soup.body, html, None, Reporter())
    assert tables and verdict is verdicts[True]


def test_an_empty_article_element_beside_the_article_is_not_taken_for_it() -> None:
    body = (
        "<div><div class='articleBody'><script>load()</script></div><article><script>track()</script></article></div>"
        "<div><p>This is the <b>real</b> article!</p></div>"
    )
    document = docconv.read(_page(body, "<title>t</title>"), Options(offline=True))
    assert _paragraphs(document) == ["This is the real article!"]


def test_an_articles_body_in_an_element_named_for_related_news_is_still_read() -> None:
    story = "".join(
        f"<div>第{n}段：受油价继续下跌拖累，纽约股市三大指数当天全部收跌，本周三大指数全部收跌，分析人士认为市场对需求放缓的担忧仍在加剧。</div>"
        for n in range(6)
    )
    teasers = "".join(f"<li><a href='/news/{n}.html'>其他新闻标题第{n}条：市场观察与专家解读</a></li>" for n in range(20))
    # Teasers with a source, an age and a blurb of whole sentences: still other stories.
    blurbs = "".join(
        f"<div><a href='/news/b{n}.html'>其他新闻第{n}条：欧洲股市同步下挫</a><span>法新社 · {n} 小时前</span>"
        "<p>伦敦、巴黎和法兰克福股市当天均大幅下挫，能源类股票领跌，投资人担心需求放缓，避险情绪明显升温。</p></div>"
        for n in range(6)
    )
    body = (
        "<div class='nav'><a href='/'>首页</a> <a href='/intl/'>国际</a></div>"
        f"<div class='content'><h2>油价跌跌不休 重挫欧美股市</h2><div class='mixRelatedNewsBlk'>{story}</div></div>"
        f"<div class='relatedNews'><h3>相关新闻</h3><ul>{teasers}</ul></div>"
        f"<div class='related-stories'>{blurbs}</div>"
    )
    document = docconv.read(_page(body, "<title>油价跌跌不休 重挫欧美股市</title>"), Options(offline=True))
    texts = _paragraphs(document)
    assert sum(text.startswith("第") for text in texts) == 6
    assert not any("其他新闻" in text or "伦敦" in text for text in texts)


def test_a_page_whose_extracted_region_holds_no_readable_text_is_read_from_its_structure() -> None:
    # The extractor takes a carousel of linked programme blurbs for the article; the walk drops
    # linked teasers, so the region reads as nothing. The story must not vanish with it.
    cards = "".join(
        f"<dl><dt><h3>節目{n}</h3>節目標題第{n}集</dt><a class='gt' href='/Mvnews.aspx?NewsID={n}'><dd>"
        f"<img src='https://img.example.com/{n}.jpg'><p>搶攻歲末最後一個月的黃金銷售潮，車商促銷一波波，加上日圓狂貶，"
        "這個時候是買日系車的最好時機嗎？此外油價持續下探，這幾年深受國人喜愛的休旅車銷售量再度衝高，"
        f"本週節目邀請汽車達人與財經專家深入剖析給您聽，第{n}集精彩不容錯過。</p></dd></a></dl>"
        for n in range(6)
    )
    story = "".join(
        f"<div>第{n}段：頂新集團被批評把債務留給台灣，財經專家表示，留在台灣的多是質押資產與負債，獲利則在對岸。</div>"
        for n in range(5)
    )
    body = (
        "<form id='aspnetForm' action='News.aspx'><input type='hidden' name='__VIEWSTATE' value='x'>"
        f"<div id='idSlideView3' class='sv3'><h2><a href='Movie.aspx'>精彩節目</a></h2>{cards}</div>"
        f"<div id='conLt'><div class='title'><h1>頂新魏家債留台灣</h1></div><div id='Content1'>{story}</div></div></form>"
    )
    document = docconv.read(_page(body, "<title>頂新魏家債留台灣</title>"), Options(offline=True))
    texts = _paragraphs(document)
    assert sum(text.startswith("第") and "頂新集團" in text for text in texts) == 5


def test_paragraphs_an_editor_set_in_heading_elements_are_paragraphs() -> None:
    items = [
        "●4月5日上午，清明公祭轩辕黄帝典礼在黄陵举行。各界代表一万余人参加，现场肃穆庄严。",
        "● 清明小长假首日出行，大半天堵在路上。昨日西安绕城高速多个路段车流量大，交警全天在路面疏导。",
        "● 受强冷空气影响，预计6日陕北有7级左右偏北风，关中、商洛有4到6级偏北风，气温下降6℃左右，陕北有霜冻。",
    ]
    sections = "".join(
        f"<section><h1>{item}</h1><p>记者从相关部门获悉，第{n}条消息的后续情况仍在跟进之中，更多细节将在晚间新闻中继续报道。</p></section>"
        for n, item in enumerate(items)
    )
    exclaimed = "提升城市软实力！市委全会通过这份重磅文件"  # a headline may exclaim mid-way
    body = (
        f"<div class='rich_media_content' id='js_content'>{sections}<h2>天气提示</h2>{_PROSE}<h2>{exclaimed}</h2>{_PROSE}</div>"
    )
    document = docconv.read(_page(body, "<title>早安华商</title>"), Options(offline=True))
    texts = _paragraphs(document)
    assert all(item in texts for item in items)
    assert [plain_text(b.children) for b in document.blocks if isinstance(b, Heading)] == ["天气提示", exclaimed]


def test_a_section_of_the_declared_article_body_widens_to_the_whole_body() -> None:
    from bs4 import BeautifulSoup

    from docconv.readers.html.extract import _declared_body_around

    sections = "".join(f"<section class='part'><p>{_PROSE}</p></section>" for _ in range(3))
    soup = BeautifulSoup(f"<body><div id='js_content'>{sections}</div><div class='qr'>微信扫一扫</div></body>", "lxml")
    assert soup.body is not None
    found = soup.find_all("section")[1]
    assert _declared_body_around(found, soup.body) is soup.find(id="js_content")
    # A declared body that only adds the headline and a label to the chosen element is no wider article.
    soup = BeautifulSoup(f"<body><div itemprop='articleBody'><h1>标题</h1><div class='desc'>{_PROSE}</div></div></body>", "lxml")
    assert soup.body is not None
    found = soup.find(class_="desc")
    assert _declared_body_around(found, soup.body) is found


@pytest.mark.parametrize(
    ("box", "site"),
    [
        # A sidebar box's title that links to its section's front page names no site.
        ("<h2 class='left money-tt'><a href='http://money.example.com/'>财经头条</a></h2>", None),
        # Nor does a box's title that links nowhere.
        ("<h2><a href='#'>其他新聞</a></h2>", None),
        # A logo drawn in an <h2> linking home does.
        ("<h2><a href='/'><img src='/logo.png' alt='港城日报'></a></h2>", "港城日报"),
    ],
)
def test_only_a_logo_heading_names_the_site(box: str, site: str | None) -> None:
    body = f"<div class='side'>{box}<ul><li><a href='/a'>一</a></li></ul></div><div class='content'>{_PROSE}</div>"
    assert docconv.read(_page(body, "<title>口袋公园</title>"), Options(offline=True)).meta.site_name == site


@pytest.mark.parametrize(
    ("head", "authors"),
    [
        ("<title>如何推動區域經貿合作 | ETtoday 新聞雲</title><meta name='author' content='ETtoday 新聞雲'>", ()),
        ("<title>口袋公园</title><meta name='author' content='港城日报'><meta property='og:site_name' content='港城日报'>", ()),
        ("<title>口袋公园 | Steve's Notes</title><meta name='author' content='Steve'>", ("Steve",)),
    ],
)
def test_a_site_named_as_its_articles_author_is_no_author(head: str, authors: tuple[str, ...]) -> None:
    body = f"<div class='content'>{_PROSE}</div>"
    assert docconv.read(_page(body, head), Options(offline=True)).meta.authors == authors


@pytest.mark.parametrize(
    ("head", "authors"),
    [
        # A wire byline lists its writers and its outlet in one string.
        (
            "<meta name='author' content='Dana A. Ford, James Corey, and Tom Watkins, CNN'>",
            ("Dana A. Ford", "James Corey", "Tom Watkins"),
        ),
        (
            "<meta name='author' content='Maggie Haberman, Mark Landler and Edward Wong'>",
            ("Maggie Haberman", "Mark Landler", "Edward Wong"),
        ),
        ("<meta name='author' content='Gillman, Steve'>", ("Gillman, Steve",)),  # one name, inverted
        # What a byline prints before the names, in any language the byline rule knows.
        ("<meta name='author' content='Por María López y Juan Pérez'>", ("María López y Juan Pérez",)),
        ("<meta name='author' content='作者：张三'>", ("张三",)),
        # An account's handle is no name: the next source, or the byline, names the writer.
        ("<meta property='article:author' content='/@timoreilly'><meta name='author' content='Tim O’Reilly'>", ("Tim O’Reilly",)),
        ("<meta name='author' content='mikecason'><meta name='parsely-author' content='Mike Cason'>", ("Mike Cason",)),
        ("<meta name='author' content='theahura'>", ("theahura",)),  # a login, when nothing names a person
        ("<meta name='author' content='Google+'>", ()),  # a social network's name
        ("<meta name='author' content='dpa'>", ("dpa",)),  # an agency, not a login
        ("<meta name='author' content='-'>", ()),  # a template's placeholder names no one
        # The site signing as its magazine or staff gives way to the byline.
        ("<meta property='og:site_name' content='UPROXX'><meta name='author' content='UPROXX Media'>", ("Jason Tabrys",)),
        # A portal's brand, whose site name adds what kind of site it is ("网易" of "网易新闻中心").
        ("<meta property='og:site_name' content='网易新闻中心'><meta name='author' content='网易'>", ()),
        ("<meta property='og:site_name' content='网易财经'><meta name='author' content='网易'>", ()),  # a channel of the portal
        ("<meta property='og:site_name' content='Steve’s Notes'><meta name='author' content='Steve'>", ("Steve",)),
        ("<meta name='author' content='账号'>", ()),  # a login box's label in the byline's class
    ],
)
def test_the_authors_are_people_not_handles_outlets_or_the_site(head: str, authors: tuple[str, ...]) -> None:
    byline = (
        "<span class='author vcard'><a class='url fn' href='/author/jason'>Jason Tabrys</a></span>" if "UPROXX" in head else ""
    )
    body = f"<div class='content'>{byline}{_PROSE}</div>"
    assert docconv.read(_page(body, head), Options(offline=True)).meta.authors == authors


def test_a_dateline_over_the_article_corrects_a_date_guessed_from_a_related_storys() -> None:
    story = "".join(
        f"<p>第{n}段：组合连赶通告，在T台走秀之后又与其他歌手擂台比舞，现场观众反响热烈，主办方表示下月还将加演。</p>"
        for n in range(6)
    )
    related = "".join(f"<li><a href='/r/{n}.html'>其他新闻第{n}条</a> (2009-11-03 16:31:00)</li>" for n in range(5))
    body = (
        "<div class='nav'><a href='/'>首页</a></div><div class='article'><h1>组合连赶通告</h1>"
        "<div class='sourceTime'><div class='l'><img src='/upload/yule.gif'> 来源：<span>搜狐娱乐</span></div>"
        "<div class='r'>2009年11月09日11:58</div></div>"
        f"<div class='tools'><a href='javascript:copyLink()'>复制链接</a></div>{story}</div>"
        f"<div class='relate'><h3>相关新闻</h3><ul>{related}</ul></div>"
    )
    document = docconv.read(_page(body, "<title>组合连赶通告</title>"), Options(offline=True))
    assert document.meta.date is not None and document.meta.date.isoformat() == "2009-11-09T11:58:00+08:00"


def test_a_recommendation_networks_widget_inside_the_article_is_not_the_article() -> None:
    cards = "".join(
        f"<li class='ob-dynamic-rec-container'><a href='https://paid.example.com/{n}'><span class='ob-rec-label'>FROM THE WEB"
        f"</span><span>Sponsored story number {n} that everyone is reading this week, with pictures</span>"
        "<ul class='ob-intr-report-menu-options'><li>Inappropriate</li><li>Misinformation</li></ul></a></li>"
        for n in range(6)
    )
    widget = f"<div class='OUTBRAIN' id='outbrain_widget_0'><ul class='ob-widget-items-container'>{cards}</ul></div>"
    revcontent = "<div id='rc_cont_217692' class='rc-wc'><p>The content you see here is paid for by the advertiser.</p></div>"
    body = f"<div class='story'><h1>Harbour swim</h1>{_ENGLISH}{widget}{revcontent}</div>"
    text = docconv.model.document_text(docconv.read(_page(body, "<title>Harbour swim</title>"), Options(offline=True)))
    assert "Paragraph 7: the harbour swim" in text
    assert "Sponsored story" not in text and "Misinformation" not in text and "paid for by the advertiser" not in text


def test_sentences_a_page_sets_in_heading_elements_are_paragraphs() -> None:
    def part(kind: str, n: int, inner: str) -> str:
        return (
            f"<div class='subbuzz subbuzz-{kind}'><h2 class='subbuzz__title'>Item {n}: the harbour swim drew a crowd of"
            f" two hundred people this year. Volunteers handed out tea and counted every swimmer back.</h2>{inner}</div>"
        )

    parts = "".join(
        part("image", n, f"<figure><img src='https://img.example.com/swim-{n}.jpg'></figure>")
        if n % 2
        else part("text", n, _ENGLISH)
        for n in range(1, 5)
    )
    body = f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Harbour swim</h1><div class='subbuzzes'>{parts}</div></article><footer>© Courier</footer>"
    document = docconv.read(_page(body, "<title>Harbour swim</title>"), Options(offline=True))
    paragraphs = _paragraphs(document)
    assert [p[:6] for p in paragraphs if p.startswith("Item")] == ["Item 1", "Item 2", "Item 3", "Item 4"]
    assert not any(isinstance(b, docconv.model.Heading) for b in document.blocks)


def test_a_chinese_post_full_of_code_keeps_its_declared_language_and_an_english_one_is_corrected() -> None:
    listing = "\n".join(f'    public void step{n}() {{ super.destroy(); log.info("destroyed step {n}"); }}' for n in range(40))
    lines = "".join(f"<p>    int value{n} = compute(value{n - 1}, options.getTimeout());</p>" for n in range(30))
    chinese = "<p>本文介绍安卓服务的生命周期，以及在销毁服务时需要注意的几个问题，附完整示例代码。</p>"
    post = f"<html lang='zh-CN'><head><title>安卓服务的生命周期</title></head><body><article>{chinese}<pre><code>{listing}</code></pre>{lines}</article></body></html>"
    assert (docconv.read(post.encode(), Options(offline=True)).meta.language or "").startswith("zh")
    english = "".join(
        f"<p>Paragraph {n}: the harbour board met on Saturday to discuss the storm damage to the pier.</p>" for n in range(8)
    )
    page = f"<html lang='zh-CN'><head><title>Pier</title></head><body><article>{english}</article></body></html>"
    assert docconv.read(page.encode(), Options(offline=True)).meta.language == "en"


def test_a_wechat_article_names_its_writer_and_its_account() -> None:
    head = "<meta property='og:site_name' content='微信公众平台'><title>老城区的口袋公园</title>"
    body = (
        "<div id='js_article' class='rich_media'><h1 class='rich_media_title'>老城区的口袋公园</h1>"
        "<div id='meta_content' class='rich_media_meta_list'><em id='post-date' class='rich_media_meta rich_media_meta_text'>2018-04-06</em>"
        "<em class='rich_media_meta rich_media_meta_text'>林晓</em>"
        "<a class='rich_media_meta rich_media_meta_link rich_media_meta_nickname' id='js_name'>城事观察</a></div>"
        f"<div id='js_content' class='rich_media_content'>{_PROSE}</div></div>"
    )
    document = docconv.read(_page(body, head), Options(offline=True))
    assert document.meta.authors == ("林晓",) and document.meta.site_name == "城事观察"
