"""Page furniture that survives region choice, recognised by what it does rather than by site.

After the article's region is read into blocks, some furniture is still inside it, because sites
write it into the article's own container: WeChat's "follow us" prompt and QR code, a list of
earlier posts after the editor's line, a comment box's counter, previous/next links, a breadcrumb,
a font-size switch, a dateline that repeats the metadata, a gallery that repeats one caption on
every slide. Each rule here removes one kind, by its words and shape. An article's own figures,
tables, quotations and the editor line stay.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from urllib.parse import urlsplit

from docconv.captions import MAX_CAPTION_CHARS, NAME_CREDIT, PHOTO_CREDIT, is_credit_line
from docconv.model import (
    Block,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Table,
    Text,
    comparable,
    plain_text,
)
from docconv.readers.html.figures import IMAGE_FILE
from docconv.readers.html.nodes import PARAGRAPH_CHARS
from docconv.readers.html.opening import standfirst_as_paragraph, without_leading_dateline, without_opening_furniture
from docconv.readers.html.other_stories import AD_WORDS, LEAD_IN
from docconv.tree import child_inlines, has_content, map_blocks, map_inline_runs, walk_inlines

# Prompts to follow, share or scan: not the article's words but the account's.
_PROMPT = re.compile(
    r"关注我们|關注我們|点击上方|點擊上方|点击蓝字|點擊藍字|长按识别|長按識別|长按二维码|扫码关注|掃碼關注|扫描二维码|掃描二維碼"
    r"|微信扫一扫|告诉您的朋友|告訴您的朋友|分享、?点赞|点赞、?在看|点个在看|點個在看|欢迎转发|歡迎轉發|转发给更多|喜欢就分享|^\W*END\W*$"
    r"|识别(?:图中)?二维码|識別(?:圖中)?二維碼|^(?:向上|向下|向左|左右)?(?:滑动|滑動)(?:阅览|閱覽|查看|阅读|閱讀)"
    r"|^(?:share this|follow us|subscribe to our newsletter|sign up for our newsletter)\b",
    re.IGNORECASE,
)
# A publisher's pitch under or inside the article: subscribe, follow, download the app, reprint terms.
_PITCH = re.compile(
    r"^follow .{0,60}\bon (?:twitter|facebook|instagram|linkedin|x|google news)\b|^(?:like|follow) us on\b"
    r"|\bsubscribe (?:now|today)\b.{0,60}(?:full story|edition|access|to read)"
    r"|^to (?:view|read) the (?:full|rest of the) (?:story|article)"
    r"|\bplease (?:subscribe|log in)\b|\balready a subscriber\b|^first-time subscribers\b"
    r"|^never miss\b.{0,40}\b(?:news|story|stories|update)|^sign up (?:for|to) (?:our|the)\b.{0,40}newsletter"
    r"|(?:^|[.?!,:]\s+)sign up\b.{0,60}\b(?:newsletter|brief(?:ing)?|digest|inbox|e-?mail updates|top stories|alerts)\b"
    r"|\bis (?:a|our) (?:free )?(?:daily|weekly|monthly) newsletter\b|^subscribe (?:on|to (?:us on|our)) (?:youtube|podcast)"
    r"|\bdownload (?:the|our)\b.{0,40}\bapps?\b.{0,20}\b(?:ios|android)\b"
    r"|^(?:©|\(c\)|copyright ©?)\s*\d{4}|\ball rights reserved\.?$|\bis the copyrighted property of\b"
    r"|^written permission must be obtained\b"
    r"|^reproduction in whole or in part\b.{0,40}\b(?:prohibited|forbidden|without permission)"
    r"|^we want to hear what you think\b|^do you want to be informed\b"
    r"|^this is a (?:breaking|developing) (?:news? )?story\b|^(?:more|further details|updates) to follow\W*$"
    r"|^we(?: want|['’]d (?:like|love)) to hear from you\b.{0,200}\b(?:tell us|share your|get in touch|email us)"
    r"|\?\s*(?:get in touch|email us|contact us|let us know)(?: at| on| via)? \S+@\S+"
    r"|^(?:click|tap) here to (?:get|download) (?:the |our )?.{0,40}\bapp\b"
    r"|^[^.:]{1,30}:\s*follow (?:live updates|(?:our|the) live (?:coverage|blog|updates)"
    r"|the latest (?:news|updates|developments))\b"
    r"|^get (?:regular |real-time |live )?updates\b|^get the .{1,40}\b(?:daily edition|newsletter|app)\b"
    r"|\bsend us a (?:message|tip)\b"
    r"|^\S+(?: \S+){0,5} (?:is|are) not responsible for the (?:opinions|views|content)\b"
    r".{0,40}\b(?:presented|expressed|posted) by"
    # The box a page shows in place of an embed until the reader consents to its cookies.
    # It speaks to the reader ("you", "du"); news about consent and content does not.
    r"|^(?=.*\b(?:you|your|we|please|click|du|dir|deine|wir|bitte|klick)\b)"
    r"(?:.*\b(?:external|embedded|third[- ]party) content\b.{0,160}\b(?:consent|cookies|privacy|permission|accept)"
    r"|.*\b(?:externen?|eingebettete[n]?) inhalte?\b.{0,160}\b(?:einwilligung|zustimm|einverstanden|datenschutz|cookies|ergänzt))"
    r"|\b(?:your|deine|ihre) (?:privacy|cookie|privatsphäre-|datenschutz-?)\s?(?:settings|preferences|einstellungen)\b"
    r".{0,80}\b(?:prevent|block|verhindern|blockieren|see it|anzuzeigen|view)"
    r"|^allow (?:content|cookies)\?|^ich bin damit einverstanden, dass mir (?:externe )?inhalte\b"
    # A cookie notice, written into the page where a banner script would have shown it.
    r"|^(?:this (?:web)?site|our (?:web)?site|we) uses? cookies\b|^by (?:continuing|using|browsing)\b.{0,80}\bcookies\b"
    r"|^(?:このサイトでは|当サイトでは|本サイトでは|本网站|本網站|本站).{0,40}cookie"
    # Newsletter and podcast pitches.
    r"|^(?:join|get|sign up for|subscribe to) .{0,60}\bnewsletters?\b|\bdelivered (?:straight )?to your inbox\b"
    r"|^by (?:signing up|subscribing|clicking|providing your (?:e-?mail|information)|submitting your (?:e-?mail|information))\b"
    r".{0,100}\b(?:terms|privacy)|\bsign up for our (?:\w+ ){0,3}newsletters?\b|^get .{0,60}\b(?:in|to) your inbox\b"
    r"|^sign up (?:now|today|for (?:breaking|free|exclusive|the latest))\b"
    r"|^stay (?:informed|up to date|in the know|updated) with\b"
    r"|\bjoin us on (?:whatsapp|telegram)\b|\bfollow\b.{0,60}\b(?:whatsapp|telegram) channel\b"
    r"|\byou can check out at any time\b|^this newsletter may contain\b"
    r"|\bsubscribing to (?:a|our|this) newsletter\b|^if you would like to contribute\b|^want us to cover\b.{0,80}\bemail us\b"
    # An opinion page's disclaimer: the views are the writer's.
    r"|\b(?:reflect|are) (?:the views|those) of (?:the|their|its) authors?\b.{0,40}\bnot necessarily\b"
    r"|^(?:got|have|do you have) a story(?: to (?:tell|share))?\?|^for more (?:stories|news|articles) like this\b"
    r"|\bunsubscribe (?:at )?any ?time\b|^listen to .{1,60} on (?:spotify|apple podcasts|google podcasts|your favou?rite)"
    r"|^find out what['’]s happening in\b.{0,60}\bupdates\b|^(?:have|got) a (?:news )?tip\b"
    r"|^(?:click here to )?subscribe(?: now| today)?\W*$|^(?:enjoyed|liked?) (?:this|what you read)\b.{0,40}\bsubscribe"
    # A donation appeal: the publisher asking readers to fund it.
    r"|\bwould you consider (?:making |becoming )?(?:a |an )?(?:\w+ )?(?:donation|contribution|contributor|member|supporter)\b"
    r"|\breader funding\b|\bhelp (?:us )?(?:fund|support|sustain) our (?:journalism|newsroom|reporting)\b"
    r"|^support (?:independent|our|quality) journalism\b|^(?:please )?(?:donate|make a (?:donation|contribution)) (?:now|today)\b"
    r"|^advertiser disclosure\b|^this (?:entry|post) was posted (?:on|in)\b.{0,200}\b(?:filed under|categor|tagged|responses)"
    # Affiliate disclosures: the publisher's terms of business, not the article.
    r"|^this (?:post|article|page|story) (?:contains|may contain|includes) (?:references to products|affiliate links)"
    r"|^we (?:may )?(?:earn|receive) (?:a )?(?:small )?(?:commission|compensation)\b|^we recommend the best products\b"
    # An app pitch opens its line or clause ("下载新浪新闻客户端，看更多…"); "一亿用户下载了这款APP" is news.
    r"|(?:^|[，,。！!？?\s])(?:请|請|点击|點擊|立即|马上|馬上|欢迎|歡迎)?(?:下载|下載).{0,12}(?:客户端|客戶端|APP)"
    r"|^(?:ios|android)\s*(?:載點|载点|下载|下載)|加入.{0,16}(?:粉絲團|粉丝团|粉絲專頁|粉丝专页)"
    r"|打开.{0,8}(?:客户端|APP).{0,6}阅读|打開.{0,8}(?:客戶端|APP).{0,6}閱讀"
    r"|^(?:打开|打開).{1,10}[，,]\s*(?:查看|阅读|閱讀|看)更多(?:高清)?(?:新闻|新聞|资讯|資訊|内容|內容|精彩|图片|圖片|视频|視頻)"
    # A portal's note under a reposted story: it does not share the views it reposts.
    r"|(?:并不意味着|並不意味著)(?:赞同|贊同)其(?:观点|觀點)"
    r"|(?:并不代表|並不代表|不代表)(?:本站|本网|本網|本报|本報|本平台|平台|网站|網站)的?(?:观点|觀點|立场|立場)"
    r"|(?:尽在|盡在).{0,10}(?:客户端|客戶端|APP)"
    # A reprint notice: about reprinting, or about using this article or site's content. A law's
    # article ("未经许可，任何单位和个人不得使用他人的注册商标") is not one.
    r"|未经.{0,4}(?:授权|许可).{0,16}(?:不得|禁止|请勿)转载|未經.{0,4}(?:授權|許可).{0,16}(?:不得|禁止|請勿)轉載"
    r"|(?:本文|本站|本网|本網|本报|本報|作品|稿件).{0,20}未(?:经|經).{0,4}(?:授权|许可|授權|許可).{0,16}(?:不得|禁止|请勿|請勿)使用"
    r"|(?:转载|轉載)(?:时|時)?(?:请|請|务请|務請|须|須)(?:注明|註明|标明|標明)(?:出处|出處|来源|來源|作者)|如若(?:转载|轉載)"
    r"|(?:违|違)者必究|(?:版权|版權)所有[，,、\s]*(?:禁止|不得|翻印|侵权|侵權|未经|未經)"
    # A wire story's sign-off and its contact line.
    r"|^to contact the (?:reporters?|editors?|authors?)\b.{0,40}\bthis story\b|^(?:\S+@\S+\s*)?\(END\)$",
    re.IGNORECASE,
)
_PITCH_CHARS = 200
_CLOSING_PITCH_CHARS = 600  # the pitch that ends an article often spells out every channel and term
# Widgets: breadcrumbs, font size, print/close, comment boxes and counters, previous/next links, report links.
_WIDGET = re.compile(
    r"^(?:首页|首頁|主页|Home)\s*[>›»/]|^(?:当前位置|當前位置|您的位置|您现在的位置|現在位置)\s*[:：]"
    r"|字号\s*[:：]?\s*[【\[]?\s*大\s*中\s*小|字體\s*[:：]?\s*大\s*中\s*小|^[【\[]?\s*(?:打印|列印)(?:本页|本頁|此页)?\s*[】\]]?\s*[【\[]?\s*(?:关闭|關閉)"
    # A comment box's labels and hints, as whole lines: "发表评论" inside a sentence is news ("did not
    # immediately comment"), and so is a call for "文明上网".
    r"|^\W*我要(?:跟帖|评论|評論)|已输入\s*\d+\s*字|已輸入\s*\d+\s*字|^\W*(?:请|請)?(?:文明上网|理性发言|文明上網|理性發言)\W*(?:文明上网|理性发言|文明上網|理性發言)?\W*$"
    r"|^\W*(?:发表|發表)(?:跟帖|评论|評論)\W*$|^网友评论|^網友評論|^\d+\s*条评论$"
    r"|^(?:上一篇|下一篇|上一條|下一條|上一则|下一则|上一页|下一页|上一頁|下一頁)\s*[:：]"
    # A recommendation with its one title on the line, an encyclopedia's speak and edit buttons, an
    # editor's label left without a name.
    r"|^(?:推荐阅读|推薦閱讀|相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞)\s*[:：]|^(?:播报|播報|编辑|編輯)$"
    r"|^(?:责任编辑|責任編輯|编辑|編輯)\s*[:：]\s*$"
    r"|^(?:previous|next)(?: article| post| story)?\s*:"
    r"|^(?:sign|log) ?in(?: or (?:create an account|register|sign up|subscribe))?\W*$|^create (?:an|your|a free) account\W*$"
    r"|^share this (?:story|article|post)\s*:"
    r"|^[\[【]?\s*举报\s*[\]】]?$|^[\[【]?\s*舉報\s*[\]】]?$|^(?:举报|舉報)\s*/\s*(?:反馈|反饋)$"
    r"|^(?:发送给朋友|發送給朋友|推荐给朋友|推薦給朋友|打印本文|列印本文)\b|禁止(?:商业|商業)?(?:转载|轉載)|^(?:转载|轉載)申请"
    r"|第\s*\d+\s*[页頁]\s*/\s*共\s*\d+\s*[页頁]|上一[页頁][\s|｜\d]*下一[页頁]|^[\[【]?\s*(?:返回[页頁]首|返回顶部|返回頂部|关闭窗口|關閉視窗)"
    r"|^(?:view larger image|enlarge (?:this )?image|e-?mail (?:this )?to a friend|send to (?:a )?friend|printer[- ]friendly"
    r"|print this(?: article| page)?|font(?: size)?:?|text size:?|article tools|single page view|share this article"
    r"|add to (?:facebook|twitter|digg|del\.icio\.us|delicious|my yahoo|google|reddit|stumbleupon|newsvine))\b"
    r"|^(?:e-?mail|print|reprints?|share|save|tweet|pin(?: it)?|comments?|post (?:a )?comment|single page view|text size:?)$"
    r"|^e-?mail this(?: article| story| page)?$|^\[?\s*more\s*\]?\s*»?$"
    r"|^(?:respond|add your comments?|read (?:all )?comments|have your say\s+read comments)$"
    # An image's zoom button and a player's label, in the languages of the pages that write them.
    r"|^(?:perbesar|vergrößern|ampliar|agrandir|ingrandisci|拡大|放大|查看大图|查看大圖"
    r"|点击查看大图|點擊查看大圖|video|watch video)$"
    # A box's close button, and the buttons that fold and unfold a long text.
    r"|^[×✕✖╳]$|^(?:点击|點擊)?(?:展开|展開|收起)(?:阅读|閱讀)?(?:全文|更多)?$|^(?:阅读|閱讀|查看)全文$"
    r"|^(?:show|read) (?:more|less)$"
    r"|^(?:点击|點擊)?(?:查看|加载|加載|载入|載入)更多$|^(?:点击|點擊)(?:进入|進入)(?:专题|專題)"
    # A post's buttons and their counts ("点赞 收藏 分享", "阅读 1234"), and the page's own tools.
    r"|^(?:(?:点赞|點讚|收藏|分享|在看|赞|讚|评论|評論|转发|轉發|喜欢|喜歡|打赏|打賞)\s*\d*\s*)+$"
    r"|^(?:阅读|閱讀|浏览|瀏覽)(?:量|数|數)?\s*[:：]?\s*\d+(?:\.\d+)?\s*[万萬wW+]?$"
    r"|^(?:我要)?(?:反馈|反饋)$|^保存图片$|^保存圖片$|^[【\[]?(?:我要)?(?:纠错|糾錯)[】\]]?$|^分享(?:让|讓)更多人看到$"
    r"|(?:扫一扫|掃一掃)在手(?:机|機)(?:上)?(?:打开|打開)|^分享(?:到|至)?\s*[:：]"
    # The page's tools above and below the article: copy the link, make a short one, set the font
    # size ("大中小", "A A A A"), mail it, print it; the article's own address repeated under it; a
    # WeChat repost's link back; the hint on a gallery's photo.
    r"|^(?:复制链接|複製連結|复制网址|複製網址|复制本文网址|产生缩网址|產生縮網址|生成短链接|生成短鏈接)$"
    r"|^(?:字[号號体體]\s*[:：]?\s*)?[【\[]?\s*大\s*中\s*小\s*[】\]]?$|^(?:[Aa]\s*){2,4}$|^[大中小]字$"
    r"|^(?:轉寄好友|转发给好友|友善列印|打印本页|列印本頁)(?:\s*[|｜]\s*(?:轉寄好友|转发给好友|友善列印|列印|打印))*$"
    r"|^本文(?:標題|标题|地址|網址|网址|链接|鏈接)\s*[:：]|^(?:点击|點擊)?(?:阅读|閱讀)原文$"
    r"|^(?:点击|點擊)(?:图片|圖片)(?:可)?(?:浏览|瀏覽|查看|放大)"
    # The site's tags for the article ("文章关键词：…", "Tags: …").
    r"|^(?:文章)?(?:关键词|關鍵詞|关键字|關鍵字|标签|標籤)\s*[:：]|^tags?\s*:"
    # A video card's running time ("时长：01:45").
    r"|(?:时长|時長|片长|片長)\s*[:：]\s*\d{1,2}:\d{2}"
    # Counters, reading times and players: a page's numbers about the article, not the article.
    r"|已被(?:阅读|閱讀|浏览|瀏覽)\s*\d+\s*次|(?:阅读|閱讀|浏览|瀏覽|点击|點擊)(?:数|數|量|次数|次數)?\s*[:：(（]\s*\d+\s*[;；)）]"
    r"|^(?:本文)?(?:通告)?引用\s*[(（]?trackback[)）]?|^trackback\s*(?:url|链接|鏈接)?\s*[:：]"
    r"|^(?:音频|音頻|视频|視頻|audio|video)\s*\d{1,2}:\d{2}$|^(?:预计|預計)?(?:阅读|閱讀)?(?:时间|時間)?\s*[:：]?\s*\d+\s*(?:分钟|分鐘)$"
    r"|^\d+\s*min(?:ute)?s?(?: read)?$|^\d+-minute (?:listen|read|watch)$"
    r"|^(?:updated\s+)?\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago$"
    r"|^\d+\s*(?:秒|分钟|分鐘|小时|小時|天|周|週|个月|個月|年)前$"
    r"|^related (?:roundups?|forums?|topics?|tags?|guides?)\s*:"
    # An ad slot's label and the note a page leaves where one interrupts the story.
    rf"|^(?:{AD_WORDS})$|^sponsored(?: content| post)?$|^paid (?:content|post|partnership)$|^download (?:this )?(?:article|pdf)$"
    r"|^(?:advertisement\W*)?(?:story|article|content) continues (?:below|after)(?: (?:this |the )?(?:advertisement|ad))?$"
    r"|^(?:advertisement\W*)?continue reading(?: below| the main story)?$|^scroll to continue with content$"
    r"|^skip (?:ad|advert|advertisement)$|^ad feedback$|^loading\W*$|^(?:click|tap) to (?:expand|enlarge|zoom)$|^close$"
    r"|^\d+ characters? (?:left|remaining)$|^submit$"
    r"|^skip past .{1,60}$|^(?:recommended|latest|more|featured|top) videos?(?: from\b.{0,40})?$|^watch now$|^weitere videos$"
    # A video player's error, and a sign-in box's prompt.
    r"|^(?:we apologi[sz]e, but )?this video has failed to load\b|^try refreshing your browser\b|^tap here to see other videos\b"
    r"|^(?:don['’]t|do not) have an account\b.{0,30}$|^or$"
    r"|^open in (?:the )?app$|^listen to this (?:article|story)(?:\W*\d+\s*min(?:ute)?s?)?$"
    # Sharing buttons, lone or with their verb. (A comment counter is left to the section rules: it labels the thread.)
    r"|^(?:share (?:on|to|via) )?(?:facebook|twitter|pinterest|linkedin|whatsapp|reddit|flipboard|telegram)$"
    r"|^share (?:on|to|via) x$|^(?:copy link|link copied|copy link to clipboard)$"
    r"|^our standards\s*:|^(?:topics|filed under)\s*:|^latest posts by\b.{1,40}$"
    r"|^(?:tweet|share|digg|link|e-?mail|print|post|pin|save) this(?: (?:article|story|page|post))?$|^reprints?$"
    # A player's and a gallery's controls: its clock, its count, its buttons.
    r"|^-?\d{1,2}:\d{2}(?:\s*/\s*-?\d{1,2}:\d{2})?$|^\d+ (?:photos|images|pictures|slides)$|^(?:see|view) (?:the )?gallery$"
    r"|^\d{1,2}:\d{2}\s*[-–—|]\s*source:\s*\S.{0,40}$"  # a video card's running time and source ("02:12 - Source: CNN")
    # A post's pin and its reactions' count; a press release's label over its text.
    r"|^pinned(?: post)?$|^\d+\s+(?:likes?|reactions?)$|^for immediate release$"
    r"|^loading (?:the )?(?:photo |image )?gallery\W*$|^(?:hide|show|toggle) caption$"
    r"|^(?:\[\+\]\s*)?enlarge(?: this)?(?: image| photo)?$"
    r"|^slideshow\s*\(\s*\d+ (?:images|photos)\s*\)$"
    # A Japanese paper's buttons for its members ("react to the article", "follow the category").
    r"|ご利用には会員登録が必要です|会員の方のみご利用いただけます|^カテゴリーをフォローする$"
    # What an embedded post shows when its script did not run, or when the reader's privacy settings
    # keep it from loading ("Externer Inhalt nicht verfügbar").
    r"|^(?:this )?(?:tweet|post|toot) (?:may have been|was|has been) deleted\b"
    r"|^externer inhalt(?: nicht verfügbar)?$|^empfohlener redaktioneller inhalt$|privatsphäre-einstellungen verhindern"
    r"|^(?:this )?(?:external |embedded )?content (?:is )?(?:not available|blocked) (?:due to|because of) your (?:privacy|cookie)"
    r"|^by$",
    re.IGNORECASE,
)
# The description of a site's chrome image: sharing and bookmarking buttons, logos, the buttons of
# the page's tools (text size, rating, print, send), an advertisement's banner, an app store's badge.
_CHROME_ALT = re.compile(
    r"^(?:print header logo|logo|addthis|share|bookmark|e-?mail|print|rss)\b|social bookmark|share button"
    rf"|^(?:{AD_WORDS})$|^click(?: here)?\W*$|^(?:click|tap) to (?:play|watch)\b"
    r"|^rat(?:ing|e it)$|^\d+(?:\.5)? stars?$|^(?:half|empty|full) star$"
    r"|^(?:increase|decrease|enlarge|reduce|larger|smaller|bigger) (?:the )?(?:font|text)(?: size)?$|^(?:font|text) size$"
    r"|^(?:send|e-?mail) (?:this )?(?:(?:article|story|page) )?to (?:a )?friends?$|^end of (?:the )?(?:story|article)$"
    r"|^most (?:popular|read|viewed|e-?mailed)$|^powered by\b.{1,40}$|^(?:free )?e-?mail alerts?$|^(?:send )?feedback$"
    r"|^(?:get it on |download on the |available on the )?(?:google play|app store|app gallery)$"
    r"|^\w+(?:[ .-]\w+)? logo$|^logo (?:of|for|de|von)\b.{1,40}$"
    # A sharing or bookmarking service's button, named by the service alone.
    r"|^(?:digg|reddit|facebook|twitter|x|fark|furl|del\.icio\.us|delicious|stumble ?upon|technorati|newsvine|slashdot"
    r"|google(?: bookmarks| buzz)?|yahoo!?(?: bookmarks| buzz| messenger)?|linkedin|pinterest|whatsapp|telegram|tumblr"
    r"|myspace|windows live|simpy|spurl|blinklist|blink|ma\.gnolia|magnolia|rawsugar|nowpublic|mixx|weibo|wechat"
    r"|微博|新浪微博|微信|朋友圈|qq空间|qq空間|豆瓣)$",
    re.IGNORECASE,
)
_RUN = 3  # link-only lines at the end of an article that make a list of other stories


def tidy(blocks: list[Block], meta: Metadata, whole_page: bool) -> list[Block]:
    """The article's blocks without the furniture that came along with them. What follows a
    section label is cut only from a whole page, whose article was extracted: an article written
    alone ends where its author ended it. Nor does tidying empty an article written alone: a text
    that is nothing but a line furniture may look like ("0:00") is still that text."""
    written = blocks
    blocks = standfirst_as_paragraph(list(map_inline_runs(blocks, _without_site_marks)), meta)
    blocks = [
        b for b in _without_chrome_images(blocks, meta.authors) if not (_is_widget(b) or _is_empty_table(b) or _is_pitch(b))
    ]
    # A page lays its paragraphs out twice for narrow and wide screens; an article written alone
    # repeats what its author chose to.
    blocks = credits_as_captions(_described_once(_said_once(blocks) if whole_page else blocks))
    own_site = _site(meta.source_url) if meta.source_url and meta.source_url.startswith("http") else None
    blocks = _without_teasers(_without_prompts(blocks))
    blocks = _without_closing_pitches(_without_notice(blocks))
    if whole_page:
        blocks = _without_author_note(_without_shouted_links(_without_labelled_sections(blocks)), meta.authors)
        blocks = [b for b in blocks if not (_story_list(b, own_site) or _glued_links(b, own_site))]
        blocks = [Rule() if _drawn_rule(b) else b for b in blocks]
    blocks = _without_story_lists(_without_furniture_tail(_without_comment_thread(blocks), own_site), own_site)
    blocks = without_leading_dateline(without_opening_furniture(blocks, meta) if whole_page else blocks, meta)
    blocks = captions_once(blocks)
    return blocks if whole_page or has_content(blocks) else written


# A link back to the site's front page written into the article's last line ("（编辑：小何）返回搜狐，查看更多").
_SITE_LINK = re.compile(r"^\W*(?:返回\w{1,8}[，,]?\s*查看更多|返回(?:首页|首頁)|back to (?:the )?home ?page)\W*$", re.IGNORECASE)


_SAID_ONCE_CHARS = 80  # a paragraph of prose; a short line (a refrain, "Read more") may well come twice
_TWIN_CHARS = 12
_SAID_TWICE_ALONE_CHARS = 200  # a repeated paragraph this long is a copy even with no copied neighbour


def _said_once(blocks: list[Block]) -> list[Block]:
    """The article's paragraphs once: a page that lays its introduction out twice (once for narrow
    screens, once for wide ones) repeats a run of long paragraphs, or a long one; a line right under
    its twin goes whatever its length. A single sentence an essay quotes again further on stays."""
    keys = [comparable(_text(b)) if isinstance(b, Paragraph) else "" for b in blocks]
    # A line said again right under itself is a copy however short (a gallery's hidden slides each
    # repeat its title); further on, only a paragraph of prose is.
    twins = [index > 0 and len(key) >= _TWIN_CHARS and keys[index - 1] == key for index, key in enumerate(keys)]
    seen: set[str] = set()
    repeated = []
    for index, key in enumerate(keys):
        repeated.append((len(key) >= _SAID_ONCE_CHARS and key in seen) or twins[index])
        seen.add(key)

    def copy(index: int) -> bool:
        neighbours = [repeated[i] for i in (index - 1, index + 1) if 0 <= i < len(blocks)]
        return len(keys[index]) >= _SAID_TWICE_ALONE_CHARS or any(neighbours) or twins[index]

    kept = [block for index, block in enumerate(blocks) if not (repeated[index] and copy(index))]
    return _without_excerpt_copy(kept)


_EXCERPT_CHARS = 40
_EXCERPT_BLOCKS = 3  # the excerpt stands over the article, among its first blocks


def _without_excerpt_copy(blocks: list[Block]) -> list[Block]:
    """The article without the editor's excerpt over it (a portal's 导语) when the excerpt is one of
    the article's own paragraphs, copied out: the paragraph stays where the writer put it."""
    keys = [comparable(_text(b)) if isinstance(b, Paragraph) else "" for b in blocks]
    first = next((i for i, key in enumerate(keys[:_EXCERPT_BLOCKS]) if key), None)
    if first is None or len(keys[first]) < _EXCERPT_CHARS or keys[first] not in keys[first + 1 :]:
        return blocks
    return blocks[:first] + blocks[first + 1 :]


def _without_site_marks(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A run without what the site's system writes into it: a link back to its front page, the
    editor's staff code."""
    kept = (c for c in children if not (isinstance(c, Link) and _SITE_LINK.match(plain_text(c.children))))
    return tuple(Text(text=_STAFF_CODE.sub(r"\1", c.text)) if isinstance(c, Text) else c for c in kept)


# The editor's staff code a portal's system writes after the name ("责任编辑：马婧雯_NN2479").
_STAFF_CODE = re.compile(r"((?:责任编辑|責任編輯|编辑|編輯)\s*[:：]\s*[\u4e00-\u9fff·]{2,6})_[A-Z]{1,4}\d{2,}")


def _text(block: Block) -> str:
    if isinstance(block, (Paragraph, Heading)):
        return " ".join(plain_text(block.children).split())
    return ""


def credits_as_captions(blocks: list[Block]) -> list[Block]:
    """A short line right under an image that credits or describes it is its caption, or the end of
    the caption it has ("Hugh Gentry, Reuters" under a described photo) — also when the page set it
    as a heading. A credit one line lower closes the caption that line is ("Chelsea fans produced a
    banner" then "REUTERS")."""
    result: list[Block] = []
    for index, block in enumerate(blocks):
        previous = result[-1] if result else None
        text = _text(block)
        if not (isinstance(block, (Paragraph, Heading)) and is_credit_line(text)):
            result.append(block)
        elif isinstance(previous, Figure):
            if comparable(text) not in comparable(previous.caption):
                result[-1] = replace(previous, caption=f"{previous.caption} {text}".strip())
        elif (described := _described_above(result)) is not None:
            result[-2:] = [replace(described, caption=f"{_text(result[-1])} {text}")]
        elif not _orphan_credit(text) or isinstance(blocks[index + 1] if index + 1 < len(blocks) else None, Figure):
            result.append(block)  # a credit printed above its picture stays there
    return result


# What only a picture's credit says: "Photo: Getty Images", "Steven Puetzer | The Image Bank | Getty Images".
_PICTURE_CREDIT = re.compile(
    r"\b(?:photos?|photograph|picture|image|credit|getty images|shutterstock|alamy|istock(?:photo)?)\b"
    r"|供图|供圖|图片来源|圖片來源|摄$|攝$",
    re.IGNORECASE,
)
_ORPHAN_CREDIT_CHARS = 80


def _orphan_credit(text: str) -> bool:
    """A photo's credit whose photo the page did not give (a lazy placeholder, a lead image kept
    as the cover): standing alone, it credits nothing the reader sees."""
    if len(text) > _ORPHAN_CREDIT_CHARS or _NAMES_THE_WRITER.search(text) or text.rstrip().endswith((":", "：")):
        return False  # "记者马俊峰/文 受访者供图" is the byline too; "… an embeddable image:" leads into what follows
    credits = PHOTO_CREDIT.search(text) is not None and _PICTURE_CREDIT.search(text) is not None
    return credits or NAME_CREDIT.match(text) is not None


_NAMES_THE_WRITER = re.compile(
    r"记者|記者|作者|撰文|[/／]\s*文|文\s*[/／]|\b(?:reporting|written|writing|text) by\b", re.IGNORECASE
)


_DESCRIPTION_CHARS = 300  # a caption that describes a whole scene ("Pictured from left, …") runs long


def _described_above(result: list[Block]) -> Figure | None:
    """The image a credit line closes the description of: an undescribed image, then one short line
    (a paragraph, or a heading a page set its captions in), then the credit. An image whose ``alt``
    says something else is described already: the line under it is the article going on."""
    if len(result) < 2 or not isinstance(figure := result[-2], Figure) or figure.caption:
        return None
    line = result[-1]
    if not isinstance(line, (Paragraph, Heading)) or not 0 < len(text := _text(line)) <= _DESCRIPTION_CHARS:
        return None
    alt, said = comparable(figure.alt), comparable(text)
    return figure if not alt or alt in said or said in alt else None


_PORTRAIT = re.compile(
    r"^(?:(?:photo|picture|image|portrait|avatar|headshot)(?: of| for)? )?(.+?)(?:'s? (?:avatar|photo|headshot))?$", re.I
)


def _without_chrome_images(blocks: list[Block], authors: tuple[str, ...]) -> list[Block]:
    """The blocks without the site's chrome images, at any depth (a bar of sharing buttons is a list),
    and without the author's portrait from the byline (an image described by the author's name alone)."""
    names = {comparable(name) for name in authors} - {""}

    def kept(block: Block) -> Block | None:
        if isinstance(block, Figure) and not block.caption:
            portrait = _PORTRAIT.match(" ".join(block.alt.split()))
            if _CHROME_ALT.search(block.alt) or (portrait and comparable(portrait.group(1)) in names):
                return None
        if isinstance(block, ListBlock) and not all(item.blocks for item in block.items):
            items = tuple(item for item in block.items if item.blocks)
            # The buttons of services this rule does not name, left in a bar with those it does.
            icons = all(isinstance(b, Figure) and not b.caption for item in items for b in item.blocks)
            return replace(block, items=items) if items and not icons else None
        return block

    return list(map_blocks(blocks, kept))


_NEAR = 3  # blocks after an image within which a line repeating its description is that description


def _described_once(blocks: list[Block]) -> list[Block]:
    """A line a few blocks after an image that repeats its description (its ``alt``, or its caption)
    is that description written twice: it becomes the caption, with a credit already there after it."""
    result = list(blocks)
    for index, block in enumerate(blocks):
        if not isinstance(block, Figure):
            continue
        wanted = {comparable(t) for t in (block.alt, block.caption) if len(comparable(t)) >= 6}
        for later in range(index + 1, min(index + 1 + _NEAR, len(blocks))):
            text = _text(result[later])
            # A heading that repeats the description is its caption set large, and a line right under
            # the image that repeats all of it is its visible caption, whatever their length.
            short = len(text) <= MAX_CAPTION_CHARS * 2 or isinstance(result[later], Heading) or later == index + 1
            if text and comparable(text) in wanted and short:
                if comparable(text) not in comparable(block.caption):  # else the caption already opens with it
                    result[index] = replace(block, caption=f"{text} {block.caption}".strip())
                result[later] = Paragraph(children=())
                break
    return [b for b in result if not (isinstance(b, Paragraph) and not b.children)]


def _is_pitch(block: Block, longest: int = _PITCH_CHARS) -> bool:
    """A paragraph holding a pitch; a longer one only when it opens with it (an affiliate disclosure
    spelling out its terms in 250 characters), so an article's paragraph that quotes one stays. A
    list is a pitch when most of its items are."""
    if isinstance(block, ListBlock):  # a box of the publisher's links: live updates, newsletters, "tell us"
        pitches = [any(_is_pitch(b, longest) for b in item.blocks) for item in block.items]
        return sum(pitches) >= max(2, len(pitches) / 2)
    text = _text(block)
    if not isinstance(block, (Paragraph, Heading)) or not text:
        return False
    if len(text) <= longest:
        return bool(_PITCH.search(text))
    return len(text) <= _CLOSING_PITCH_CHARS and bool(_PITCH.match(text))


def _without_closing_pitches(blocks: list[Block]) -> list[Block]:
    """The publisher's pitches that end the article ("Follow The Gleaner on Twitter … send us a
    message on WhatsApp … or email us", "© 2022 … Written permission must be obtained …"), however
    many channels and terms they list, with the bare images between them."""
    end = len(blocks)
    while end > 1 and (_is_pitch(blocks[end - 1], _CLOSING_PITCH_CHARS) or _bare_figure(blocks[end - 1])):
        end -= 1
    return blocks if all(_bare_figure(b) for b in blocks[end:]) else blocks[:end]


def _is_empty_table(block: Block) -> bool:
    """A layout table left with no text (its cells held spacers and furniture): nothing to read, and
    it would hide what ends the article from the rules below."""
    return isinstance(block, Table) and not any(
        plain_text(cell.children).strip() for row in (*block.head, *block.body) for cell in row.cells
    )


def _is_widget(block: Block) -> bool:
    if isinstance(block, Table):
        # A layout table's row of buttons ("Add to Facebook", "Print this article").
        cells = [" ".join(plain_text(c.children).split()) for row in (*block.head, *block.body) for c in row.cells]
        texts = [t for t in cells if t]
        return bool(texts) and all(len(t) <= 80 and _WIDGET.search(t) for t in texts)
    if isinstance(block, ListBlock):
        texts = [" ".join(plain_text(b.children).split()) for i in block.items for b in i.blocks if isinstance(b, Paragraph)]
        return bool(texts) and all(_WIDGET.search(t) for t in texts)
    if isinstance(block, Quote):  # an embedded post showing only its placeholder ("Tweet may have been deleted")
        return bool(block.blocks) and all(_is_widget(b) for b in block.blocks)
    if not isinstance(block, (Paragraph, Heading)):
        return False
    if _LINKED_LEAD.match(_text(block)) and _mostly_links(block):
        return True  # "Also: <another story>", "READ MORE: <another story>"
    if _MEDIA_LABEL.match(_text(block)):
        return True  # the caption of a video or a podcast whose player a document cannot hold
    lines = [line for line in _lines(block.children) if line]
    return bool(lines) and all(len(line) <= 80 and (_WIDGET.search(line) or _ENTRY_HEAD.match(line)) for line in lines)


_GLUED_LINKS = 3
_TAG_CHARS = 30


def _glued_links(block: Block, own_site: str | None) -> bool:
    """A line of three links or more to the site's own pages, one right after the other with not a
    space between them, each a word or two: the post's categories or tags styled into buttons. A
    deals post's run of product links is the article."""
    if not isinstance(block, Paragraph):
        return False
    links = [c for c in block.children if not (isinstance(c, Text) and not c.text)]
    if len(links) < _GLUED_LINKS or not all(isinstance(c, Link) for c in links):
        return False
    return all(
        isinstance(c, Link) and len(plain_text(c.children)) <= _TAG_CHARS and _site(c.url) in ("", own_site) for c in links
    )


# A live blog entry's head: its time, with its age or its author's name run into it by the page's
# markup ("21 mins ago11:48 Jon King", "20:24Antony Clements-Thrower"), or its "KEY EVENT" tag. Names
# are capitalised, so this one is case-sensitive; a schedule's "10:00 Keynote" has a space and stays.
_ENTRY_HEAD = re.compile(
    r"^(?:\d+\s*(?:secs?|seconds?|mins?|minutes?|hours?|hrs?)\s+ago\s*\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*"
    r"|\d{1,2}[:.]\d{2}(?=[A-Z]))(?:KEY EVENTS?|[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3})?$"
    r"|^\d{1,2}[:.]\d{2}\s*(?:KEY EVENTS?|Key events?)$"
)


# The label a news page puts over an embedded player, in capitals: "WATCH | <the video's title>: <what it shows>".
_MEDIA_LABEL = re.compile(r"^(?:WATCH|VIDEO|LISTEN|AUDIO|PODCAST)\s*[|:]\s*\S")
_LINKED_LEAD = re.compile(
    r"^\W*(?:also|read also|also read|see also|read more|read next|more|related|watch|listen|recommended|don['’]t miss|must read"
    r"|baca juga|czytaj (?:także|też)|lesen sie auch|lies auch|(?:à )?lire aussi|leia também|lea también|leggi anche|lees ook"
    r"|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关阅读|相關閱讀)\s*[:：]"
    r"|^[【\[](?:詳しくはこちら|関連記事|あわせて読みたい|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关阅读|相關閱讀)[】\]]",
    re.IGNORECASE,
)


def _lines(children: tuple[Inline, ...]) -> list[str]:
    """The lines a paragraph shows: split at its line breaks, not at the newlines of its source."""
    lines = [""]
    for node in walk_inlines(children):
        if isinstance(node, LineBreak):
            lines.append("")
        elif isinstance(node, Text):
            lines[-1] += node.text
    return [" ".join(line.split()) for line in lines]


def _without_prompts(blocks: list[Block]) -> list[Block]:
    """Follow/share/scan prompts, with the QR code or animated banner beside them."""
    drop: set[int] = set()
    for index, block in enumerate(blocks):
        text = block.caption if isinstance(block, Figure) else _text(block)
        if not (0 < len(text) <= 40 and _PROMPT.search(text)):
            continue
        drop.add(index)
        for neighbour in (index - 1, index + 1):
            if 0 <= neighbour < len(blocks) and _bare_figure(blocks[neighbour]):
                drop.add(neighbour)
    return [b for i, b in enumerate(blocks) if i not in drop]


# What a note on the writer says after the writer's name: "… covers politics", "… is a senior researcher".
_ABOUT_THE_WRITER = re.compile(
    r"^(?:is|was|covers|writes|reports|has (?:been|covered|written|reported)|serves|joined|teaches|lives)\b", re.IGNORECASE
)
_NOTE_CHARS = 600
_NOTE_BLOCKS = 3  # the note on the writer ends the article, at most a "first published in" line after it


def _without_author_note(blocks: list[Block], authors: tuple[str, ...]) -> list[Block]:
    """The note on the writer under the article ("Steph Bazzle covers politics and theocracy …
    Follow Steph on Twitter"), and the writer's name set over it: who wrote it is the metadata's."""
    names = {part.lower() for author in authors for part in re.split(r"[\s,]+", author) if len(part) >= 3}
    names -= {"and", "the"}
    if not names:
        return blocks
    drop: set[int] = set()
    for index in range(max(0, len(blocks) - _NOTE_BLOCKS), len(blocks)):
        words = _text(blocks[index]).split()
        if not (isinstance(blocks[index], Paragraph) and len(_text(blocks[index])) <= _NOTE_CHARS and len(words) > 3):
            continue
        # The note opens with the name, its first word maybe the short form ("Steph" for "Stephanie").
        known = [word.strip(",.").lower() in names for word in words[:4]]
        after = 1 if known[0] or (known[1] and words[0][:1].isupper()) else 0
        while after and after < len(known) and known[after]:
            after += 1
        if after and _ABOUT_THE_WRITER.match(" ".join(words[after : after + 2])):
            drop.add(index)
            above = blocks[index - 1] if index > 0 else None
            if isinstance(above, (Paragraph, Heading)) and comparable(_text(above)) in {comparable(a) for a in authors}:
                drop.add(index - 1)
    return [b for i, b in enumerate(blocks) if i not in drop]


_DRAWN_RULE = re.compile(r"^[-_=*~—–─━·•.]{3,}$")


def _drawn_rule(block: Block) -> bool:
    """A line drawn with underscores, dashes or stars between a page's sections: a thematic break."""
    return isinstance(block, Paragraph) and bool(_DRAWN_RULE.match(_text(block).replace(" ", "")))


_STORY_LIST_ITEMS = 3
_HEADLINE_WORDS = 4  # a linked headline says something; a list of linked names or places does not


def _story_list(block: Block, own_site: str | None) -> bool:
    """A list of the site's other stories set inside the article, each item a headline linked with
    at most its topic before it ("Demenz: <Ab wann Gedächtnislücken besorgniserregend sind>")."""
    if not isinstance(block, ListBlock) or len(block.items) < _STORY_LIST_ITEMS or not _mostly_links(block):
        return False
    for item in block.items:
        links = [
            n for b in item.blocks if isinstance(b, (Paragraph, Heading)) for n in walk_inlines(b.children) if isinstance(n, Link)
        ]
        if len(links) != 1 or not _real_url(links[0].url):
            return False
        headline = plain_text(links[0].children)
        if len(headline.split()) < _HEADLINE_WORDS and len(_CJK.findall(headline)) < 3 * _HEADLINE_WORDS:
            return False
    return _one_site(_link_urls(block), own_site)


_SHOUTED_WORDS = 4


def _without_shouted_links(blocks: list[Block]) -> list[Block]:
    """Other stories' headlines set in capitals among the paragraphs, each a line that is only its
    link ("2 NY RESIDENTS ALLEGEDLY RAN SECRET CHINESE POLICE STATION"), and the app's plug in the
    same voice: the article's own sentences are not shouted and linked whole."""
    return [block for block in blocks if not _shouted_link(block)]


def _shouted_link(block: Block) -> bool:
    if not isinstance(block, Paragraph) or not _only_links(block.children):
        return False
    text = _text(block)
    return len(text.split()) >= _SHOUTED_WORDS and text.upper() == text and text.lower() != text


# The link that ends another story's teaser: its blurb, then "more" to the story.
_MORE_LINK = re.compile(
    r"^\W*(?:(?:read |see |view )?more|mehr|weiter(?:lesen)?|lire la suite|en savoir plus|leer más|leia mais|continua"
    r"|czytaj (?:więcej|dalej)|devamı|meer|続きを読む|更多|阅读全文|閱讀全文)\W*$",
    re.IGNORECASE,
)
_TEASER_CHARS = 400


def _without_teasers(blocks: list[Block]) -> list[Block]:
    """Other stories' teasers set among the article's blocks ("Weitere Informationen"): a short
    blurb whose last words are a "more" link, with the linked headline above it that leads to the
    same story. An article's paragraph does not end by sending the reader elsewhere for more."""
    drop: set[int] = set()
    for index, block in enumerate(blocks):
        url = _more_link(block)
        if url is None:
            continue
        drop.add(index)
        if index > 0 and _link_only(blocks[index - 1]) and url in _link_urls(blocks[index - 1]):
            drop.add(index - 1)
    return [b for i, b in enumerate(blocks) if i not in drop]


def _more_link(block: Block) -> str | None:
    """The URL a short blurb's closing "more" link leads to; None when the block is not one."""
    if not isinstance(block, Paragraph) or not 0 < len(_text(block)) <= _TEASER_CHARS:
        return None
    last = next((c for c in reversed(block.children) if not (isinstance(c, Text) and not c.text.strip())), None)
    if not isinstance(last, Link) or not _MORE_LINK.match(plain_text(last.children)) or len(block.children) < 2:
        return None
    return last.url


def _bare_figure(block: Block) -> bool:
    return isinstance(block, Figure) and not block.caption


def _link_only(block: Block) -> bool:
    """A line that is nothing but a link (a headline pointing at another story)."""
    if isinstance(block, Heading):
        return _only_links(block.children) and len(_text(block)) >= 4
    if isinstance(block, ListBlock):
        return bool(block.items) and all(len(i.blocks) >= 1 and all(_link_only(b) for b in i.blocks) for i in block.items)
    if not isinstance(block, Paragraph):
        return False
    return _only_links(block.children) and len(_text(block)) >= 4


_BULLETS = re.compile(r"[\s·•・▪■□◆◇●○►▶>»›|\-–—\[\]【】]+")


def _only_links(children: tuple[Inline, ...]) -> bool:
    seen = False
    for child in children:
        if isinstance(child, Link):
            seen = True
        elif isinstance(child, (Strong, Emphasis)):
            if not _only_links(child.children):
                return False
            seen = True
        elif isinstance(child, Text) and not _BULLETS.sub("", child.text):
            continue  # the bullet or separator a list of headlines writes between its links
        else:
            return False
    return seen


def _without_story_lists(blocks: list[Block], own_site: str | None) -> list[Block]:
    """Lists of other stories: a lead-in ("往期推荐", "Related") and the links under it, and a run of
    link-only lines that ends the article."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        end = index + 1
        while end < len(blocks) and _link_only(blocks[end]):
            end += 1
        # A lead-in with its links, or one left at the end when pruning took the links already.
        if LEAD_IN.match(_text(block)) and (end > index + 1 or end == len(blocks)):
            index = end
            continue
        result.append(block)
        index += 1
    tail = len(result)
    while tail > 0 and _link_only(result[tail - 1]):
        tail -= 1
    links = sum(len(b.items) if isinstance(b, ListBlock) else 1 for b in result[tail:])
    urls = [url for block in result[tail:] for url in _link_urls(block)]
    return result[:tail] if links >= _RUN and tail > 0 and _one_site(urls, own_site) else result


# The label of a section that follows an article on news pages and is never part of it: other
# stories (related, more headlines, also in a section, most read, sponsored) and readers' comments.
_SECTION_LABEL = re.compile(
    r"^\W*(?:related(?: stories| articles| posts| news| links| internet links| coverage| content| reading| videos?)?"
    r"|external links"
    r"|more (?:\w+ ){0,3}(?:headlines|stories|news|articles|posts)|more (?:from|on|in) .{1,40}|also (?:in|on) .{1,40}"
    # The same labels on Europe's news sites.
    r"|ähnliche (?:themen|artikel)|mehr zum thema|das könnte sie auch interessieren|lesen sie (?:auch|mehr)|weitere artikel"
    r"|à lire aussi|sur le même sujet|lire aussi|te puede interesar|noticias relacionadas|más noticias|leggi anche"
    r"|potrebbe interessarti|lees ook|meer nieuws|related topics|more (?:posts|stories|articles) (?:in this series|like this)"
    r"|(?:the )?(?:most|top) (?:read|popular|viewed|emailed|shared|commented)(?: stories| articles| now| today)?"
    r"|more|top stories|latest (?:news|stories|headlines|features|reports)|trending(?: now| stories)?"
    r"|popular (?:now|stories|articles)|(?:up|read|what's) next|next (?:article|story|post|up)|previous (?:article|story|post)"
    r"|(?:breaking|latest|current|top) (?:\w+ )?(?:news|headlines|reports)|news by (?:category|section|region)"
    r"|recommended(?: for you| stories| articles| reading)?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
    r"|sponsored(?: links| content| stories)?|promoted (?:links|stories|content)|(?:from )?around the web"
    r"|quick ?links|in (?:other|case you missed it).{0,20}|editors?'? picks|blog watch"
    r"|往期推荐|往期推薦|推荐阅读|推薦閱讀|相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞|相关文章|相關文章|相关报道|相關報導"
    r"|猜你喜欢|猜你喜歡|热门文章|熱門文章|热点新闻|熱點新聞|最新新闻|最新新聞|排行榜|点击排行|點擊排行"
    # Any short label of recommendations or rankings: 健康资讯推荐, 为你推荐, 热文排行.
    r"|\w{0,8}(?:推荐|推薦)|\w{0,6}(?:排行|排行榜)"
    r"|関連(?:キーワード|記事|ニュース)|おすすめ(?:情報|記事|ニュース)?|人気(?:記事|ランキング)|アクセスランキング|注目(?:記事|ニュース))\W*$",
    re.IGNORECASE,
)
# Where a paywall cuts the article, however little of it came before: what follows is its pitch.
_PAYWALL_NOTICE = re.compile(
    r"^\W*(?:この記事は(?:有料)?会員限定(?:記事)?です"
    r"|this (?:article|story) is (?:for|available to|only for) (?:subscribers|members)(?: only)?"
    r"|dieser artikel ist (?:nur )?für abonnenten(?: bestimmt)?)\W*$",
    re.IGNORECASE,
)
# The label that opens readers' comments: everything after it is the thread, however long.
_COMMENTS_LABEL = re.compile(
    r"^\W*(?:comments? (?:are|is) (?:now )?closed\b.*|\d+ (?:comments?|responses?|replies|reactions|thoughts)\b.{0,100}"
    r"|(?:reader|readers'?|user|your|latest|all) comments?(?:\s*\(\d+\))?|comments?\s*\(\d+\)"
    r"|(?:one|no) (?:comments?|responses?) (?:to|on)\b.{0,100}"
    r"|(?:leave|post|add|write|submit) (?:a|your) (?:comment|reply|response)\b.{0,40}"
    r"|(?:join|start) the (?:conversation|discussion)"
    r"|(?:have )?your say|talkbacks?(?: for this article)?(?:\W+\d+)?|discuss this (?:article|story)"
    r"|网友评论|網友評論|最新评论|最新評論|热门评论|熱門評論|全部评论|全部評論|精选留言|精選留言|写留言|寫留言|读者评论|讀者評論"
    r"|发表评论|發表評論|评论区|評論區|\d+\s*条评论|评论\s*[（(]\d+[)）])\W*$",
    re.IGNORECASE,
)
_LABEL_CHARS = 120
_ARTICLE_BEFORE = 400  # characters of paragraphs (CJK counted twice) before a label: the article has been read
_PROSE_RUN_CHARS = 80  # a paragraph at least this long and not a link line is prose


def _without_labelled_sections(blocks: list[Block]) -> list[Block]:
    """What follows the label of another section once the article has been read: "Related",
    "More Manitoba headlines", "Also in TV & Radio", "Most read", "Sponsored links", each with the
    headlines and teasers under it; and readers' comments after "Comments are now closed",
    "12 Comments", "Leave a reply", "精选留言". A label in the middle of the article (a box of related
    links between two paragraphs) is not an end: the article goes on after it in consecutive
    paragraphs, which a list of headlines and their teasers never has. A comment counter in the
    article's header bar ("Talkbacks for this article: 18") is not an end either: the article that
    follows it runs longer without a break than anything before it. A paywall's notice ("この記事は会員限定です")
    ends the article however little of it came before, when no prose follows."""
    read = 0
    for index, block in enumerate(blocks):
        text = _text(block)
        if read and _opens_with_paywall(block) and _longest_prose_run(blocks[index + 1 :]) < 2:
            return blocks[:index]
        if read >= _ARTICLE_BEFORE and isinstance(block, (Paragraph, Heading)) and 0 < len(text) <= _LABEL_CHARS:
            after = blocks[index + 1 :]
            if _COMMENTS_LABEL.match(text) and _longest_prose_run(after) < max(3, _longest_prose_run(blocks[:index])):
                return blocks[:index]
            if _SECTION_LABEL.match(text) and _longest_prose_run(after) < 2:
                return blocks[:index]
        if isinstance(block, Paragraph) and not _mostly_links(block):
            read += len(text) + len(_CJK.findall(text))
    return blocks


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _opens_with_paywall(block: Block) -> bool:
    """A paragraph whose first line is a paywall's notice (its pitch often follows after a break)."""
    if not isinstance(block, Paragraph):
        return False
    first = next((line for line in _lines(block.children) if line), "")
    return bool(_PAYWALL_NOTICE.match(first))


def _longest_prose_run(blocks: list[Block]) -> int:
    """The most paragraphs of prose in a row: an article's text has runs, a list of headlines with
    their teasers has none, a comment thread short ones."""
    longest = run = 0
    for block in blocks:
        text = _text(block)
        long_enough = len(text) + len(_CJK.findall(text)) >= _PROSE_RUN_CHARS  # a CJK character says what two letters do
        prose = isinstance(block, Paragraph) and long_enough and not _mostly_links(block)
        run = run + 1 if prose else 0
        longest = max(longest, run)
    return longest


# A site's legal notice under its articles: copyright and reprint terms, disclaimers.
_NOTICE = re.compile(
    r"^\W*(?:反侵权公告|反侵權公告|版权声明|版權聲明|免责声明|免責聲明|特别声明|特別聲明|郑重声明|鄭重聲明|版权所有|版權所有|转载声明|轉載聲明"
    r"|disclaimer|copyright notice|legal notice)\s*[:：]",
    re.IGNORECASE,
)
_NOTICE_BLOCKS = 12  # a notice and its numbered terms and contacts; more than this after it is not a notice


# A self-publishing platform's statement under each of its posts ("以上内容……为创作者平台用户上传并发布，
# 本平台仅提供信息存储服务", Sohu's "搜狐仅提供信息存储空间服务"): the post ends there, and what follows
# is the platform's (the next post of an endless feed, its recommendations, its comments).
_PLATFORM_END = re.compile(r"仅提供信息(?:存储|发布)(?:空间)?服务|僅提供信息(?:儲存|發布)(?:空間)?服務")
_PLATFORM_END_CHARS = 300


def _without_notice(blocks: list[Block]) -> list[Block]:
    """A copyright or disclaimer notice that ends the article, with the terms and contacts under it;
    a platform's statement that ends a post, with everything after it."""
    for index in range(1, len(blocks)):
        text = _text(blocks[index]) if isinstance(blocks[index], (Paragraph, Heading)) else ""
        if len(text) <= _PLATFORM_END_CHARS and _PLATFORM_END.search(text) and _has_prose(blocks[:index]):
            return blocks[:index]
        if index >= 2 and len(blocks) - index <= _NOTICE_BLOCKS and _NOTICE.match(text):
            return blocks[:index]
    return blocks


def _has_prose(blocks: list[Block]) -> bool:
    return any(isinstance(b, Paragraph) and len(_text(b)) >= PARAGRAPH_CHARS for b in blocks)


# The signature lines of a comment thread: who posted and when, and the buttons under each comment.
_COMMENT_SIGNATURE = re.compile(
    r"^(?:posted|commented|submitted|written|added)(?: by)?\s*:?\s*\S.{0,80}?(?:\d{1,2}[:.]\d{2}|\d{4}|\b(?:ago|am|pm)\b)"
    r"|^(?:quote\s*[|｜]\s*)?report (?:this (?:post|comment)|abuse)\b|^reply(?:\s*[|｜].{0,40})?$"
    r"|^(?:回复|回覆|举报|舉報)\s*[|｜]"
    r"|^(?:网友|網友)\s*\S{0,12}\s*(?:发表于|發表於|评论于|評論於)",
    re.IGNORECASE,
)
_THREAD = 2  # signature lines that make a thread of comments


def _without_comment_thread(blocks: list[Block]) -> list[Block]:
    """A thread of readers' comments written into the article's container without any markup that
    says so ("Posted by: tom, Bolton on 8:21pm", "Quote | Report this post"): from the first
    signature on, with the short lines that introduce it ("Have your say", "Latest comments:")."""
    signed = [index for index, block in enumerate(blocks) if _signature(block)]
    if len(signed) < _THREAD or signed[0] < 2:
        return blocks
    start = signed[0]
    while start > 1 and _tail_furniture(blocks[start - 1]) and not _mostly_links(blocks[start - 1]):
        start -= 1
    return blocks[:start]


def _signature(block: Block) -> bool:
    return isinstance(block, (Paragraph, Heading)) and any(
        len(line) <= 120 and _COMMENT_SIGNATURE.search(line) for line in _lines(block.children)
    )


_TAIL_LINE = 30  # characters: a label, a poll's question, a counter, not a paragraph of the article
_ONE_SITE = 0.6  # share of a list's links on one host that makes it the site's own stories


def _without_furniture_tail(blocks: list[Block], own_site: str | None) -> list[Block]:
    """The end of a page's article container after its last paragraph, when it is a list of the
    site's other stories mixed with labels, polls, counters and thumbnails ("相关文章", "·最新评论·",
    "你觉得此专题如何？ 98 票"): from the earliest link line, heading or lead-in after which nothing
    is prose and the links lead mostly to one site.

    Lines before the first link (the editor's line, "（完）") stay, and so does a list of sources,
    whose links lead to many sites rather than to one."""
    tail = len(blocks)
    while tail > 1 and _tail_furniture(blocks[tail - 1]):
        tail -= 1
    for start in range(tail, len(blocks)):
        if not (_mostly_links(blocks[start]) or isinstance(blocks[start], Heading) or LEAD_IN.match(_text(blocks[start]))):
            continue
        urls = list(dict.fromkeys(url for block in blocks[start:] if _mostly_links(block) for url in _link_urls(block)))
        if len(urls) < _RUN:
            return blocks
        if _one_site(urls, own_site):
            return blocks[:start]
    return blocks


def _one_site(urls: list[str], own_site: str | None) -> bool:
    """Whether links lead mostly to one site: the site's own stories, not a list of sources. When the
    page says where it lives, that one site must be its own: links that all lead to a shop are a
    deals article's list of products, not the site's furniture."""
    if not urls:
        return True
    site, count = Counter(_site(url) for url in urls).most_common(1)[0]
    if own_site and site and site != own_site:
        return False
    return count >= len(urls) * _ONE_SITE


# Second-level labels under which a country's sites register (news.sina.com.cn is sina.com.cn's).
_GENERIC_SECOND_LEVEL = frozenset(("com", "net", "org", "gov", "edu", "co", "ac", "or", "ne", "go", "gob", "mil"))


def _site(url: str) -> str:
    """The site a link leads to: its host without subdomains (``vote.biz.163.com`` → ``163.com``);
    "" for a link within the page's own site written without a host."""
    labels = (urlsplit(url).hostname or "").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _GENERIC_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _tail_furniture(block: Block) -> bool:
    if isinstance(block, (Figure, ListBlock)):
        return isinstance(block, Figure) or _mostly_links(block)
    return isinstance(block, (Paragraph, Heading)) and (_mostly_links(block) or len(_text(block)) <= _TAIL_LINE)


_MOSTLY = 0.6  # share of a line's characters in links that makes it a headline with its counter ("… 98 票")


def _mostly_links(block: Block) -> bool:
    """A line that is a link with at most a date, a counter or a bullet beside it, or a list of such lines."""
    if isinstance(block, ListBlock):
        return bool(block.items) and all(all(_mostly_links(b) for b in item.blocks) for item in block.items)
    if not isinstance(block, (Paragraph, Heading)):
        return False
    text = len(_text(block).replace(" ", ""))
    return text >= 4 and _linked_chars(block.children) >= text * _MOSTLY and not _enumerates_links(block.children)


_ENUMERATION_MARK = re.compile(r"[、，,;；]")


def _enumerates_links(children: tuple[Inline, ...]) -> bool:
    """A line naming linked things one after another, between enumeration commas ("大分県：大分市、
    臼杵市、佐伯市", a place's towns linked to their topic pages): the article's list, where a line of
    other stories holds one headline and a menu separates its entries with bars or spaces."""
    gaps: list[str] = []
    links = 0
    for child in children:
        if isinstance(child, Link):
            links += 1
            gaps.append("")
        elif gaps:
            gaps[-1] += plain_text((child,))
    between = gaps[:-1]
    return links >= 3 and sum(bool(_ENUMERATION_MARK.search(gap)) for gap in between) * 2 >= len(between)


def _linked_chars(children: tuple[Inline, ...]) -> int:
    """Characters (spaces aside) inside links; a link inside a link counts once."""
    count = 0
    stack = list(children)
    while stack:
        node = stack.pop()
        if isinstance(node, Link):
            count += len(plain_text(node.children).replace(" ", "")) if _real_url(node.url) else 0
        else:
            stack.extend(child_inlines(node))
    return count


def _real_url(url: str) -> bool:
    """A link that leads somewhere: not empty, not a jump within the page, not a script."""
    return bool(url) and not url.startswith(("#", "javascript:"))


def _link_urls(block: Block) -> list[str]:
    if isinstance(block, ListBlock):
        return [url for item in block.items for inner in item.blocks for url in _link_urls(inner)]
    if isinstance(block, (Paragraph, Heading)):
        return [node.url for node in walk_inlines(block.children) if isinstance(node, Link) and _real_url(node.url)]
    return []


def _same_picture(src: str) -> str:
    """What names one picture: the address of an image file without the query that picks its size
    or quality (``?s=700``, ``?s=2600`` for the enlarged copy). An address that is not an image
    file's (``get_image?id=2``) may serve another picture for another query: it is kept whole."""
    parts = urlsplit(src)
    if parts.scheme not in ("http", "https") or not parts.query or not IMAGE_FILE.search(parts.path):
        return src
    return f"{parts.netloc}{parts.path}"


def captions_once(blocks: list[Block]) -> list[Block]:
    """A gallery's caption kept once: a slide repeating an image already shown goes, another image
    repeating a caption (or a short line of the article above it: a share card's picture under the
    standfirst it quotes) keeps its picture without the caption, and a line repeating a caption goes
    (also the credit line printed above the image it credits). An image whose description repeats
    the line right above or below it or a heading (a listicle's item heading, the headline over the
    lead photo, an avatar over its author's name) is described by that line: its ``alt`` would only
    say it twice where the image cannot be shown; a caption repeating a heading goes the same way, and
    so does a description given already to another picture (every slide described by the headline)."""
    headings: set[str] = set()
    seen_captions: set[str] = set()
    seen_alts: set[str] = set()
    seen_images: set[str] = set()
    seen_lines: set[str] = set()
    result: list[Block] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            isinstance(block, Paragraph)
            and isinstance(following, Figure)
            and following.caption
            and comparable(_text(block)) == comparable(following.caption)
        ):
            continue
        if isinstance(block, Heading):
            headings.add(comparable(_text(block)))
        if isinstance(block, Figure) and len(alt := comparable(block.alt)) >= 6:
            above = comparable(_text(result[-1])) if result else ""
            below = comparable(_text(following)) if following is not None else ""
            if alt in above or alt in below or alt in headings:
                block = replace(block, alt="")  # an avatar over its author's name, a photo under its item's heading
        if isinstance(block, Figure) and block.alt and comparable(block.alt) == comparable(block.caption):
            block = replace(block, alt="")  # the caption says what the description says, and is shown
        if isinstance(block, Figure) and block.caption and comparable(block.caption) in headings:
            block = replace(block, caption="")  # the section's heading, said again under its picture
        if isinstance(block, Figure):
            key = comparable(block.caption)
            if _same_picture(block.src) in seen_images and (not key or key in seen_captions):
                continue
            seen_images.add(_same_picture(block.src))
            if key and (key in seen_captions or key in seen_lines):
                block = replace(block, caption="")  # said already, under another picture or as the article's line
            if key and key in seen_lines and comparable(block.alt) == key:
                block = replace(block, alt="")
            if len(alt := comparable(block.alt)) >= 6 and alt in seen_captions | seen_alts:
                block = replace(block, alt="")  # a gallery's pictures all described with the headline
            seen_captions.add(key)
            seen_alts.add(alt)
        elif isinstance(block, Paragraph):
            key = comparable(_text(block))
            if key and key in seen_captions and len(_text(block)) <= MAX_CAPTION_CHARS:
                continue
            if len(_text(block)) <= MAX_CAPTION_CHARS:
                seen_lines.add(key)
        result.append(block)
    # A list item holds its own pictures and lines (an expert's avatar over the expert's name); a
    # gallery's strip of thumbnails does not show again the picture the article shows.
    lists = (_items_captioned_once(b, seen_images) if isinstance(b, ListBlock) else b for b in result)
    return [b for b in lists if not (isinstance(b, ListBlock) and not b.items)]


def _items_captioned_once(block: ListBlock, seen_images: set[str]) -> ListBlock:
    items = (replace(item, blocks=tuple(captions_once(list(item.blocks)))) for item in block.items)
    return replace(block, items=tuple(item for item in items if not _shown_before(item.blocks, seen_images)))


def _shown_before(blocks: tuple[Block, ...], seen_images: set[str]) -> bool:
    return bool(blocks) and all(isinstance(b, Figure) and _same_picture(b.src) in seen_images for b in blocks)
