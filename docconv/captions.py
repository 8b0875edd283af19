"""What a photo's caption or credit line looks like, for the readers that attach captions to images
and for the heading transform, which must never turn one into a heading."""

from __future__ import annotations

import re

# Words that credit a photo: "沙坪坝区公安分局供图", "记者 何雨 摄", "视觉中国 资料图", "图源：…",
# "Photo: …", "(Getty Images)". A short line carrying one, next to an image, is its caption.
PHOTO_CREDIT = re.compile(
    r"供图|供圖|摄\s*$|攝\s*$|摄影\s*[:：/]|攝影\s*[:：/]|记者\s*\S{1,12}\s*摄|記者\s*\S{1,12}\s*攝"
    r"|资料图|資料圖|资料照|資料照|视觉中国|視覺中國|东方IC|東方IC|图源|圖源|图片来源|圖片來源|[（(]\s*(?:图片|圖片)?(?:来源|來源)"
    r"|新华社发|中新社发|写真[:：=]|撮影|提供\s*$|题图|題圖|(?:图片|圖片)(?:来自|來自)|照片(?:来源|來源)"
    r"|\b(?:Photo(?:graph)?s?|Picture|Image|Illustration|Graphic|Credit|Courtesy)\b\s*(?:by|:|/)|\bPhoto\s*$"
    # The same credit in other languages: "Foto: PAP", "Фото: Дмитрий Азаров", "Bild: dpa", "사진=연합뉴스".
    r"|\b(?:Fotos?|Fotografía|Fotografia|Фото|Bild|Bilder|Kuva|Fotó|Zdjęcie|Imagen|Crédito|Crédit photo|Beeld)\s*[:/=|]"
    # Where the picture or chart comes from: "Источник: Фундация DEJURE", "Source: Eurostat".
    r"|^\s*(?:Источник|Джерело|Źródło|Quelle|Bildquelle|Fuente|Fonte|Source)\s*:"
    r"|사진\s*[=:]"
    r"|Getty Images|Reuters|\bAFP\b|\bAP Photo\b|\bEPA\b|Shutterstock|Alamy",
    re.IGNORECASE,
)
# How a caption often opens: "图为…", "▲…", "(Photo)".
CAPTION_START = re.compile(r"^\s*[（(]?\s*(图|圖|图片|圖片|图为|圖為|写真|▲|△|↑|Photo|Image|Picture|Credit)", re.IGNORECASE)
MAX_CAPTION_CHARS = 120


# A photographer's name and the outlet, as agencies credit a picture ("Chuck Burton/AP", "Craig McDean/GQ"),
# or the other way round (a heading's alternatives have spaces around their slash: "Firm Chop / Crud").
NAME_CREDIT = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)+/[A-Z][\w&.'’ -]{1,40}$"
    # The outlet first: "Leader-Post/Bryan Schlosser".
    r"|^[A-Z][\w.'’-]+/[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){1,3}$"
)
_NAME_CREDIT_CHARS = 60


def is_credit_line(text: str) -> bool:
    """A short line that credits or describes a photo."""
    text = text.strip()
    if 0 < len(text) <= _NAME_CREDIT_CHARS and NAME_CREDIT.match(text):
        return True
    return 0 < len(text) <= MAX_CAPTION_CHARS and bool(PHOTO_CREDIT.search(text) or CAPTION_START.match(text))
