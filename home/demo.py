"""Demo site identity, home page, the columns the apps registered, and their English and Tibetan
translations; the administrator login."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from home.demo_tools import ensure_child, translate_page
from home.models import HomePage, SiteIdentityTranslation, SiteSettings
from home.registries.demo import DemoUser, demo_columns, demo_users
from home.registries.roles import REVIEWERS
from home.registries.workflows import STEP_GROUPS

HOME_TITLE = "府检联动 · 普法与公开平台"
HOME_INTRO = (
    "永昌县人民政府与永昌县人民检察院共同建设的“府检联动”普法与公开平台：发布普法活动和典型案例，"
    "公开政策文件和主要办案数据，方便群众学法、查法、用法。"
)
IDENTITY = {
    "sponsor": "永昌县人民政府 永昌县人民检察院",
    "organiser": "永昌县人民检察院（府检联动联席会议办公室）",
    "site_code": "6203210001",
    "icp_record": "陇ICP备00000000号-1（演示）",
    "police_record": "甘公网安备 62032102000000号（演示）",
    "address": "甘肃省金昌市永昌县城关镇（演示地址）",
    "postcode": "737200",
    "phone": "0935-7500000",
    "email": "fjld@example.gov.cn",
}

# The header and footer of /en/ and /bo/ (SiteSettings → 外文版页头页脚).
IDENTITY_TRANSLATIONS = {
    "en": {
        "site_name": "Government–Procuratorate Linkage: Legal Education and Disclosure",
        "sponsor": "Yongchang County People's Government; Yongchang County People's Procuratorate",
        "organiser": "Yongchang County People's Procuratorate (office of the joint meeting)",
        "address": "Chengguan Town, Yongchang County, Jinchang, Gansu Province (demo address)",
        "service_hours": "Working days 8:30–12:00 and 14:30–18:00",
    },
    "bo": {
        "site_name": "སྲིད་གཞུང་དང་ཞིབ་དཔྱད་ཁང་མཉམ་འབྲེལ། ཁྲིམས་ལུགས་ཁྱབ་སྤེལ་དང་གསལ་བསྒྲགས་སྟེགས་བུ།",
        "sponsor": "ཡུང་ཁྲང་རྫོང་མི་དམངས་སྲིད་གཞུང་། ཡུང་ཁྲང་རྫོང་མི་དམངས་ཞིབ་དཔྱད་ཁང་།",
        "organiser": "ཡུང་ཁྲང་རྫོང་མི་དམངས་ཞིབ་དཔྱད་ཁང་། (མཉམ་འབྲེལ་ཚོགས་འདུའི་གཞུང་ལས་ཁང་།)",
        "address": "ཀན་སུའུ་ཞིང་ཆེན་ཅིན་ཁྲང་གྲོང་ཁྱེར་ཡུང་ཁྲང་རྫོང་ཁྲིང་ཀོན་གྲོང་རྡལ། (དཔེ་སྟོན་ས་གནས།)",
        "service_hours": "ལས་ཀའི་ཉིན་མོ། 8:30–12:00 དང་ 14:30–18:00",
    },
}

TRANSLATIONS = {
    "en": {
        HOME_TITLE: "Government–Procuratorate Linkage: Legal Education and Disclosure",
        HOME_INTRO: (
            "A platform run jointly by the Yongchang County People's Government and the Yongchang County "
            "People's Procuratorate: legal-education campaigns, typical cases, policy documents and the "
            "main case statistics, so that residents can learn, find and use the law."
        ),
    },
    "bo": {
        HOME_TITLE: "སྲིད་གཞུང་དང་ཞིབ་དཔྱད་ཁང་མཉམ་འབྲེལ། ཁྲིམས་ལུགས་ཁྱབ་སྤེལ་དང་གསལ་བསྒྲགས་སྟེགས་བུ།",
        HOME_INTRO: (
            "ཡུང་ཁྲང་རྫོང་མི་དམངས་སྲིད་གཞུང་དང་ཡུང་ཁྲང་རྫོང་མི་དམངས་ཞིབ་དཔྱད་ཁང་གིས་མཉམ་དུ་འཛུགས་པའི་སྟེགས་བུ་འདིར། "
            "ཁྲིམས་ལུགས་ཁྱབ་སྤེལ་གྱི་བྱ་འགུལ་དང་དཔེ་མཚོན་གྱོད་དོན། སྲིད་ཇུས་ཡིག་ཆ་བཅས་གསལ་བསྒྲགས་བྱེད།"
        ),
    },
}


def ensure_locales() -> None:
    for code in ("zh-hans", "en", "bo"):
        Locale.objects.get_or_create(language_code=code)


def ensure_home() -> HomePage:
    """The zh-hans HomePage as the default site's root (replacing Wagtail's welcome page)."""
    zh = Locale.objects.get(language_code="zh-hans")
    # Wagtail's migrations make the tree's root; a database flushed by transactional tests may
    # have lost it (see tests/conftest.py), and the demo must still build.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=zh))
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
    for language, fields in IDENTITY_TRANSLATIONS.items():
        SiteIdentityTranslation.objects.update_or_create(
            site_settings=settings, language=language, defaults=fields
        )


def ensure_columns(home: HomePage) -> dict[str, Page]:
    """The columns the apps registered (demo_registry.demo_columns), in their order."""
    from django.apps import apps

    return {
        column.slug: ensure_child(
            home,
            apps.get_model(column.model),
            column.slug,
            title=column.title,
            intro=f"<p>{column.intro}</p>",
            show_in_menus=column.in_menu,
        )
        for column in demo_columns
    }


def ensure_translations(home: HomePage, columns: dict[str, Page]) -> None:
    """English and Tibetan home and public columns, translated through wagtail-localize."""
    for code, strings in TRANSLATIONS.items():
        translate_page(home, code, strings)
    for column in demo_columns:
        for code, (title, intro) in column.translations.items():
            translate_page(columns[column.slug], code, {column.title: title, column.intro: intro})


def load() -> HomePage:
    ensure_locales()
    home = ensure_home()
    ensure_identity(Site.objects.get(is_default_site=True))
    columns = ensure_columns(home)
    ensure_translations(home, columns)
    return home


demo_users.register(DemoUser("admin", "系统管理员", order=0))
demo_users.register(DemoUser("chushen", "初审人员（演示）", (REVIEWERS, STEP_GROUPS[0]), order=20))
demo_users.register(DemoUser("fushen", "复审人员（演示）", (REVIEWERS, STEP_GROUPS[1]), order=30))
demo_users.register(DemoUser("zhongshen", "终审人员（演示）", (REVIEWERS, STEP_GROUPS[2]), order=40))
