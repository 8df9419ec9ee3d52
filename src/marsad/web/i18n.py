"""The dashboard's strings in Arabic and English, and the names shown for event types and states."""

from __future__ import annotations

from typing import Literal

__all__ = ["COUNTRIES", "LANGS", "STRINGS", "TYPES", "Lang", "country_name", "type_name"]

Lang = Literal["ar", "en"]
LANGS: tuple[Lang, ...] = ("ar", "en")

STRINGS: dict[str, dict[str, str]] = {
    "ar": {
        "app": "مرصد", "tagline": "أحداث أمنية موثقة من الصحافة العربية", "dashboard": "لوحة المتابعة",
        "articles": "المقالات", "api": "واجهة البرمجة", "other_lang": "English", "map": "خريطة الأحداث",
        "timeline": "الأحداث حسب الشهر والنوع", "network": "شبكة العلاقات بين الدول", "events": "الأحداث",
        "country": "البلد", "type": "النوع", "actor": "الفاعل", "since": "من", "until": "إلى",
        "text": "بحث في النص", "apply": "تصفية", "reset": "مسح", "any": "الكل", "date": "التاريخ",
        "place": "المكان", "reports": "التقارير", "confidence": "الثقة", "recipient": "المستهدف",
        "mode": "الصيغة", "status": "الحالة", "prev": "السابق", "next": "التالي", "of": "من",
        "no_events": "لا أحداث تطابق هذه المعايير.", "n_articles": "مقالات", "n_events": "أحداث",
        "n_quotes": "تصريحات", "n_relations": "علاقات", "evidence": "الدليل", "mentions": "التقارير عن الحدث",
        "quotes": "التصريحات", "relations": "العلاقات بين الدول", "source": "المصدر", "published": "تاريخ النشر",
        "speaker": "المتحدث", "cue": "فعل القول", "polarity": "الاتجاه", "cooperative": "تعاون",
        "hostile": "توتر/رفض", "event": "حدث", "article": "المقال", "open_article": "المقال كاملاً",
        "no_map_points": "لا أحداث محددة الموقع.", "no_relations": "لا علاقات مسجلة.",
        "legend_pos": "تعاون", "legend_neg": "توتر أو رفض", "back": "العودة إلى اللوحة", "entities": "الكيانات",
        "none": "—", "killed": "قتلى", "injured": "جرحى", "people": "أشخاص", "precision": "الدقة",
        "shown": "معروض", "duplicate_of": "نسخة قريبة من", "article_events": "أحداث المقال",
        "not_found": "غير موجود", "toll": "الحصيلة", "earlier": "(+{n} خارج هذه الفترة)",
        "map_truncated": "على الخريطة أحدث {n} حدث من أصل {total}؛ ضيّق البحث بالمرشحات.",
        "st_occurred": "وقع", "st_planned": "مخطط له", "st_attempted": "محاولة",
        "st_threatened": "تهديد", "st_denied": "نُفي", "coop_index": "مؤشر التعاون الشهري",
        "click_edge": "اضغط على خط لعرض مؤشر التعاون بين البلدين", "mention_n": "تقرير", "total": "المجموع",
    },
    "en": {
        "app": "marsad", "tagline": "Evidence-linked security events from Arabic news", "dashboard": "Dashboard",
        "articles": "Articles", "api": "API", "other_lang": "العربية", "map": "Map of events",
        "timeline": "Events by month and type", "network": "Relations between states", "events": "Events",
        "country": "Country", "type": "Type", "actor": "Actor", "since": "From", "until": "To",
        "text": "Search the text", "apply": "Filter", "reset": "Clear", "any": "Any", "date": "Date",
        "place": "Place", "reports": "Reports", "confidence": "Confidence", "recipient": "Recipient",
        "mode": "Mode", "status": "Status", "prev": "Previous", "next": "Next", "of": "of",
        "no_events": "No events match these filters.", "n_articles": "articles", "n_events": "events",
        "n_quotes": "quotes", "n_relations": "relations", "evidence": "Evidence", "mentions": "Reports of this event",
        "quotes": "Quotes", "relations": "Relations between states", "source": "Source", "published": "Published",
        "speaker": "Speaker", "cue": "Cue", "polarity": "Polarity", "cooperative": "cooperative",
        "hostile": "hostile/refused", "event": "Event", "article": "Article", "open_article": "Full article",
        "no_map_points": "No located events.", "no_relations": "No relations recorded.",
        "legend_pos": "cooperation", "legend_neg": "tension or refusal", "back": "Back to the dashboard",
        "entities": "Entities", "none": "—", "killed": "killed", "injured": "injured", "people": "people",
        "precision": "precision", "shown": "shown", "duplicate_of": "near-duplicate of",
        "article_events": "Events in this article", "not_found": "Not found", "toll": "Toll",
        "earlier": "(+{n} outside this period)",
        "map_truncated": "The map shows the newest {n} of {total} events; narrow with the filters.",
        "coop_index": "Monthly cooperation index",
        "click_edge": "click a line for the pair's cooperation index", "mention_n": "report",
        "total": "total",
    },
}

TYPES: dict[str, tuple[str, str]] = {
    "AGREE": ("اتفاق", "Agree"), "CONSULT": ("تشاور", "Consult"), "SUPPORT": ("دعم", "Support"),
    "CONCEDE": ("تنازل", "Concede"), "COOPERATE": ("تعاون", "Cooperate"), "AID": ("مساعدة", "Aid"),
    "RETREAT": ("انسحاب", "Retreat"), "REQUEST": ("طلب", "Request"), "ACCUSE": ("اتهام", "Accuse"),
    "REJECT": ("رفض", "Reject"), "THREATEN": ("تهديد", "Threaten"), "PROTEST": ("احتجاج", "Protest"),
    "SANCTION": ("عقوبة", "Sanction"), "MOBILIZE": ("تعبئة", "Mobilize"), "COERCE": ("إكراه", "Coerce"),
    "ASSAULT": ("اعتداء", "Assault"),
}  # fmt: skip

COUNTRIES: dict[str, tuple[str, str]] = {
    "MAR": ("المغرب", "Morocco"), "DZA": ("الجزائر", "Algeria"), "TUN": ("تونس", "Tunisia"),
    "LBY": ("ليبيا", "Libya"), "EGY": ("مصر", "Egypt"), "MRT": ("موريتانيا", "Mauritania"),
    "MLI": ("مالي", "Mali"), "NER": ("النيجر", "Niger"), "BFA": ("بوركينا فاسو", "Burkina Faso"),
    "TCD": ("تشاد", "Chad"), "SEN": ("السنغال", "Senegal"), "SDN": ("السودان", "Sudan"),
    "NGA": ("نيجيريا", "Nigeria"), "ESP": ("إسبانيا", "Spain"), "FRA": ("فرنسا", "France"),
    "PRT": ("البرتغال", "Portugal"), "ITA": ("إيطاليا", "Italy"), "DEU": ("ألمانيا", "Germany"),
    "GBR": ("بريطانيا", "United Kingdom"), "USA": ("الولايات المتحدة", "United States"),
    "RUS": ("روسيا", "Russia"), "CHN": ("الصين", "China"), "TUR": ("تركيا", "Turkey"),
    "SAU": ("السعودية", "Saudi Arabia"), "ARE": ("الإمارات", "United Arab Emirates"), "QAT": ("قطر", "Qatar"),
    "ISR": ("إسرائيل", "Israel"), "PSE": ("فلسطين", "Palestine"), "SYR": ("سوريا", "Syria"),
    "IRQ": ("العراق", "Iraq"), "IRN": ("إيران", "Iran"), "JOR": ("الأردن", "Jordan"), "LBN": ("لبنان", "Lebanon"),
    "YEM": ("اليمن", "Yemen"), "ESH": ("الصحراء", "Western Sahara"), "GIN": ("غينيا", "Guinea"),
    "CIV": ("ساحل العاج", "Côte d'Ivoire"), "GHA": ("غانا", "Ghana"), "BEL": ("بلجيكا", "Belgium"),
    "NLD": ("هولندا", "Netherlands"), "OMN": ("عمان", "Oman"), "BHR": ("البحرين", "Bahrain"),
    "KWT": ("الكويت", "Kuwait"), "CMR": ("الكاميرون", "Cameroon"), "ZAF": ("جنوب أفريقيا", "South Africa"),
    "UKR": ("أوكرانيا", "Ukraine"), "SOM": ("الصومال", "Somalia"), "ETH": ("إثيوبيا", "Ethiopia"),
    "KEN": ("كينيا", "Kenya"), "AFG": ("أفغانستان", "Afghanistan"), "PAK": ("باكستان", "Pakistan"),
    "SSD": ("جنوب السودان", "South Sudan"), "CAF": ("أفريقيا الوسطى", "Central African Republic"),
}  # fmt: skip


def type_name(code: str | None, lang: Lang) -> str:
    if not code:
        return STRINGS[lang]["none"]
    names = TYPES.get(code)
    return names[0 if lang == "ar" else 1] if names else code


def country_name(code: str | None, lang: Lang) -> str:
    if not code:
        return STRINGS[lang]["none"]
    names = COUNTRIES.get(code)
    return names[0 if lang == "ar" else 1] if names else code
