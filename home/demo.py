"""Demo site identity, home page, columns and their English and Tibetan translations."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from .demo_tools import ensure_child, translate_page
from .models import HomePage, SiteSettings

HOME_TITLE = "府检联动 · 普法与公开平台"
HOME_INTRO = (
    "永昌县人民政府与永昌县人民检察院共同建设的“府检联动”普法与公开平台：发布普法活动和典型案例，"
    "公开政策文件和主要办案数据，方便群众学法、查法、用法。"
)
COLUMNS = [
    # (app model label, slug, title, intro, in menu)
    (
        "campaigns.CampaignIndexPage",
        "campaigns",
        "普法活动",
        "“谁执法谁普法”：府检双方联合开展的法治宣传“进机关、进企业、进乡村、进校园、进社区、进网格”活动。",
        True,
    ),
    (
        "campaigns.CaseIndexPage",
        "cases",
        "典型案例",
        "以案释法：县人民检察院会同有关部门分批发布的典型案例，当事人信息均已隐名处理。",
        True,
    ),
    (
        "disclosures.DisclosureIndexPage",
        "disclosures",
        "信息公开",
        "府检联动政策文件、行政执法信息、行政机关负责人出庭应诉情况和检察机关主要办案数据。",
        True,
    ),
    (
        "internal.InternalIndexPage",
        "internal",
        "内部工作",
        "联席会议、议定事项督查督办和同堂培训记录，仅限联席会议办公室和成员单位联络员登录查看。",
        False,
    ),
]

IDENTITY = {
    "sponsor": "永昌县人民政府 永昌县人民检察院",
    "organiser": "永昌县人民检察院（府检联动联席会议办公室）",
    "site_code": "6203210001",
    "icp_record": "陇ICP备00000000号-1（演示）",
    "police_record": "甘公网安备 62032102000000号（演示）",
    "address": "甘肃省金昌市永昌县城关镇（演示地址）",
    "postcode": "737200",
    "phone": "0935-7500000（演示）",
    "email": "fjld@example.gov.cn",
}

TRANSLATIONS = {
    "en": {
        HOME_TITLE: "Government–Procuratorate Linkage: Legal Education and Disclosure",
        HOME_INTRO: (
            "A platform run jointly by the Yongchang County People's Government and the Yongchang County "
            "People's Procuratorate: legal-education campaigns, typical cases, policy documents and the "
            "main case statistics, so that residents can learn, find and use the law."
        ),
        "普法活动": "Legal education campaigns",
        "典型案例": "Typical cases",
        "信息公开": "Government information disclosure",
        COLUMNS[0][3]: (
            "Joint legal-education activities in government offices, companies, villages, "
            "schools, communities and grid units."
        ),
        COLUMNS[1][3]: (
            "Typical cases released in batches by the county procuratorate with the departments "
            "concerned; parties are anonymised."
        ),
        COLUMNS[2][3]: (
            "Policy documents, administrative enforcement information, appearances of agency heads "
            "in court, and the procuratorate's main case statistics."
        ),
    },
    "bo": {
        HOME_TITLE: "སྲིད་གཞུང་དང་ཞིབ་དཔྱད་ཁང་མཉམ་འབྲེལ། ཁྲིམས་ལུགས་ཁྱབ་སྤེལ་དང་གསལ་བསྒྲགས་སྟེགས་བུ།",
        HOME_INTRO: (
            "ཡུང་ཁྲང་རྫོང་མི་དམངས་སྲིད་གཞུང་དང་ཡུང་ཁྲང་རྫོང་མི་དམངས་ཞིབ་དཔྱད་ཁང་གིས་མཉམ་དུ་འཛུགས་པའི་སྟེགས་བུ་འདིར། "
            "ཁྲིམས་ལུགས་ཁྱབ་སྤེལ་གྱི་བྱ་འགུལ་དང་དཔེ་མཚོན་གྱོད་དོན། སྲིད་ཇུས་ཡིག་ཆ་བཅས་གསལ་བསྒྲགས་བྱེད།"
        ),
        "普法活动": "ཁྲིམས་ལུགས་ཁྱབ་སྤེལ་བྱ་འགུལ།",
        "典型案例": "དཔེ་མཚོན་གྱོད་དོན།",
        "信息公开": "ཆ་འཕྲིན་གསལ་བསྒྲགས།",
        COLUMNS[0][3]: "ལས་ཁུངས་དང་ཁེ་ལས། གྲོང་གསེབ། སློབ་གྲྭ། སྡོད་ཁུལ་བཅས་སུ་ཁྲིམས་ལུགས་ཁྱབ་སྤེལ་བྱེད་པ།",
        COLUMNS[1][3]: "རྫོང་ཞིབ་དཔྱད་ཁང་གིས་རིམ་པ་ལྟར་གསལ་བསྒྲགས་བྱས་པའི་དཔེ་མཚོན་གྱོད་དོན།",
        COLUMNS[2][3]: "སྲིད་ཇུས་ཡིག་ཆ་དང་ཞིབ་དཔྱད་ཁང་གི་གྱོད་དོན་སྡོམ་རྩིས་གཙོ་བོ།",
    },
}


def ensure_locales() -> None:
    for code in ("zh-hans", "en", "bo"):
        Locale.objects.get_or_create(language_code=code)


def ensure_home() -> HomePage:
    """The zh-hans HomePage as the default site's root (replacing Wagtail's welcome page)."""
    root = Page.get_first_root_node()
    zh = Locale.objects.get(language_code="zh-hans")
    home = HomePage.objects.filter(locale=zh).first()
    if home is None:
        welcome = root.get_children().filter(slug="home").exclude(content_type__model="homepage").first()
        if welcome is not None:
            welcome.slug = "welcome-old"
            welcome.save()
        home = ensure_child(root, HomePage, "home", title=HOME_TITLE, intro=HOME_INTRO, locale=zh)
        if welcome is not None:
            Site.objects.filter(root_page=welcome).update(root_page=home)
            welcome.delete()
    else:
        home = ensure_child(root, HomePage, home.slug, title=HOME_TITLE, intro=HOME_INTRO)
    # Full URLs (sitemap, feeds, QR codes made by tasks) use the Site's address: SITE_URL's.
    address = urlsplit(settings.SITE_URL)
    fields = {
        "hostname": address.hostname or "localhost",
        "port": address.port or (443 if address.scheme == "https" else 80),
        "root_page": home,
        "site_name": HOME_TITLE,
    }
    Site.objects.update_or_create(is_default_site=True, defaults=fields)
    return home


def ensure_identity(site: Site) -> None:
    settings = SiteSettings.for_site(site)
    for name, value in IDENTITY.items():
        setattr(settings, name, value)
    settings.save()


def ensure_columns(home: HomePage) -> dict[str, Page]:
    from django.apps import apps

    columns = {}
    for label, slug, title, intro, in_menu in COLUMNS:
        model = apps.get_model(label)
        columns[slug] = ensure_child(
            home, model, slug, title=title, intro=f"<p>{intro}</p>", show_in_menus=in_menu
        )
    return columns


def ensure_translations(home: HomePage, columns: dict[str, Page]) -> None:
    """English and Tibetan home and public columns, translated through wagtail-localize."""
    for code, strings in TRANSLATIONS.items():
        translate_page(home, code, strings)
        for _, slug, _title, _intro, in_menu in COLUMNS:
            if in_menu:
                translate_page(columns[slug], code, strings)


def load() -> HomePage:
    ensure_locales()
    home = ensure_home()
    ensure_identity(Site.objects.get(is_default_site=True))
    columns = ensure_columns(home)
    ensure_translations(home, columns)
    return home
