import re

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber, Substr
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.url_routing import RouteResult

from home.blocks import BodyStreamBlock
from home.search.backend import ChineseSearchField, chinese_search_fields


class BasePage(Page):
    """Fields every public page has: a summary for cards, search results and feeds."""

    summary = models.TextField(
        "摘要", blank=True, max_length=400, help_text="列表、搜索结果和订阅中显示，200字以内为宜。"
    )

    offline_notice = models.BooleanField(
        "到期下线后显示“已下线”提示",
        default=True,
        help_text="到期自动下线后，原网址说明该内容已于何时下线并指向所在栏目，而不是显示“页面不存在”。",
    )

    search_fields = [*chinese_search_fields(Page.search_fields), ChineseSearchField("summary")]
    promote_panels = [*Page.promote_panels, FieldPanel("summary")]
    settings_panels = [*Page.settings_panels, FieldPanel("offline_notice")]

    class Meta:
        abstract = True

    @classmethod
    def routed_queryset(cls):
        """How a page of this type is fetched to be served (what its template shows, joined)."""
        return cls.objects.all()

    def route(self, request, path_components):
        """An expired page (its 下线时间 passed) answers at its own URL with an "已下线" notice when
        staff keep the notice on; it has left every list, feed, sitemap and search already."""
        if not path_components and self.shows_offline_notice:
            return RouteResult(self, kwargs={"offline": True})
        return super().route(request, path_components)

    @property
    def shows_offline_notice(self) -> bool:
        return not self.live and self.expired and self.offline_notice

    def serve(self, request, *args, **kwargs):
        if kwargs.pop("offline", False):
            parent = self.get_parent()
            response = TemplateResponse(
                request,
                "offline.html",
                {"page": self, "column": parent.specific if parent.live and parent.depth > 2 else None},
                status=410,
            )
            patch_cache_control(response, max_age=0)
            return response
        return super().serve(request, *args, **kwargs)

    def search_text(self) -> str:
        """Plain text a search result quotes from (never the segmented index text)."""
        return self.summary or self.search_description or ""

    @property
    def display_date(self):
        """发布时间 shown on the page and in lists: first publication, else last change."""
        return self.first_published_at or self.latest_revision_created_at or timezone.now()


class ListingPage(BasePage):
    """A column (栏目) that lists its live, public children newest first, paginated."""

    intro = RichTextField("栏目介绍", blank=True, features=["bold", "italic", "link"])
    update_cycle_days = models.PositiveSmallIntegerField(
        "更新周期（天）",
        null=True,
        blank=True,
        help_text="网站自查：超过这么多天没有新内容即提示栏目不更新。留空按栏目类型（动态类14天、"
        "政策文件类180天）；填0不检查。",
    )
    per_page = 12
    # 政府网站普查: news-like columns must change every 2 weeks, notice/policy-like every 6 months.
    default_update_cycle_days = 14

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [*BasePage.settings_panels, FieldPanel("update_cycle_days")]
    search_fields = [*BasePage.search_fields, ChineseSearchField("intro")]

    class Meta:
        abstract = True

    @property
    def update_cycle(self) -> int:
        return self.default_update_cycle_days if self.update_cycle_days is None else self.update_cycle_days

    def listing_queryset(self):
        return self.get_children().live().public().specific().order_by("-first_published_at", "-pk")

    def child_route_queryset(self):
        """A column whose items are of one type may fetch an item, specific and with what its page
        shows, in one query when routing to it (None: Wagtail's two)."""
        return None

    def route(self, request, path_components):
        children = self.child_route_queryset() if path_components else None
        if children is not None:
            child = children.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:  # else another type of child: Wagtail's own routing finds it
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def filter_specs(self) -> list:
        """The URL filters this column offers (home.listings.filters.FilterSpec); none by default."""
        return []

    def get_context(self, request, *args, **kwargs):
        """The filters, the list and its count are worked out only when the template reads them:
        inside the list's kept fragment (templates/pages/filtered_listing.html), only on a miss."""
        from home.listings.filters import apply_filters
        from home.listings.paging import paginate

        context = super().get_context(request, *args, **kwargs)
        filters = SimpleLazyObject(lambda: apply_filters(request, self.listing_queryset, self.filter_specs()))
        listing = SimpleLazyObject(lambda: paginate(request, filters.queryset, self.per_page))
        context["filters"] = filters
        context["filters_requested"] = any(key != "page" for key in request.GET)
        context["listing"] = listing
        context["result_count"] = SimpleLazyObject(
            lambda: self.result_count_text(listing.page.paginator.count)
        )
        context["original_column"] = SimpleLazyObject(
            lambda: None if listing.items or filters.any_active else self.original_column()
        )
        return context

    def result_count_text(self, count: int) -> str:
        return ngettext("共 %(count)s 条", "共 %(count)s 条", count) % {"count": count}

    def original_column(self):
        """An empty translated column points readers to the original language's items (if any)."""
        from wagtail.models import Locale

        if self.locale_id == Locale.get_default().pk:
            return None
        original = self.get_translation_or_none(Locale.get_default())
        if original is None or not original.live:
            return None
        count = original.specific_deferred.listing_queryset().count()
        return {"page": original, "count": count} if count else None


class HomePage(BasePage):
    intro = models.TextField(
        "首页导语",
        blank=True,
        max_length=400,
        help_text="显示在首页顶部的一段话，说明本平台是什么、为谁服务。",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="首页正文", blank=True)

    parent_page_types = ["wagtailcore.Page"]
    template = "home/home_page.html"

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, ChineseSearchField("intro"), ChineseSearchField("body")]

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # read only when the kept fragment of the columns is not there (home_page.html)
        context["columns"] = SimpleLazyObject(self.latest_by_column)
        return context

    def menu_columns(self) -> list:
        """The columns of the menu, home page and 网站地图 (specific, their own fields deferred). In a
        translation, a listing column with no item in that language yet is left out, not shown empty
        (the Chinese site keeps every column: an empty one there is a 网站自查 problem to fix, not to
        hide). One query, and one for the restrictions."""
        columns = self.get_children().live().in_menu().public()
        if self.locale_id == default_locale_id():
            return list(columns.specific(defer=True))
        items = (
            Page.objects.live()
            .public()
            .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        )
        return [
            column
            for column in columns.annotate(has_items=Exists(items)).specific(defer=True)
            if column.has_items or not isinstance(column, ListingPage)
        ]

    def latest_by_column(self, per_column: int = 5, with_counts: bool = False):
        """The newest public items of each menu column, as (column, items) — or (column, items, count)
        — pairs: the columns, then one query for every column's items (ranked in the database), and
        one for the counts."""
        columns = self.menu_columns()
        if not columns:
            return []
        newest = self._latest_ids(columns, per_column, with_counts)
        pages = Page.objects.in_bulk([pk for ids, _count in newest.values() for pk in ids])
        found = {
            path: ([pages[pk] for pk in ids if pk in pages], count) for path, (ids, count) in newest.items()
        }
        if not with_counts:
            return [(column, found.get(column.path, ([], 0))[0]) for column in columns]
        return [(column, *found.get(column.path, ([], 0))) for column in columns]

    def _latest_ids(self, columns, per_column: int, with_counts: bool) -> dict:
        """{column path: (ids of its newest items, its count)}, ranked in the database."""
        depth = columns[0].depth + 1
        column_path = Substr("path", 1, Page.steplen * (depth - 1))
        children = Page.objects.live().public().filter(depth=depth, path__startswith=self.path)
        ranked = children.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[column_path],
                order_by=[F("first_published_at").desc(nulls_last=True), F("pk").desc()],
            )
        ).filter(rank__lte=per_column)
        items: dict[str, list] = {}
        for item in sorted(ranked.only("pk", "path"), key=lambda p: p.rank):
            items.setdefault(item.path[: len(item.path) - Page.steplen], []).append(item.pk)
        counts = {}
        if with_counts:
            counts = dict(
                children.annotate(column_path=column_path)
                .values_list("column_path")
                .annotate(count=Count("pk"))
                .order_by()
            )
        return {column.path: (items.get(column.path, []), counts.get(column.path, 0)) for column in columns}


def default_locale_id() -> int:
    """The id of the site's default language's Locale (asked each time: a per-process memory would
    outlive a database whose locales were created again, as in tests)."""
    from wagtail.models import Locale

    return Locale.get_default().pk


ERROR_REPORT_URL = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html"
POLICE_RECORD_QUERY_URL = "https://beian.mps.gov.cn/#/query/webSearch"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """The identity every Chinese government site shows in its footer (政府网站发展指引)."""

    site_name = models.CharField("网站名称", max_length=60, default="府检联动 · 普法与公开平台")
    sponsor = models.CharField("主办单位", max_length=120, blank=True)
    organiser = models.CharField("承办单位", max_length=120, blank=True)
    site_code = models.CharField("网站标识码", max_length=40, blank=True)
    icp_record = models.CharField("ICP备案号", max_length=60, blank=True)
    icp_record_url = models.URLField("ICP备案查询地址", blank=True, default="https://beian.miit.gov.cn/")
    police_record = models.CharField("公安机关备案号", max_length=60, blank=True)
    police_record_url = models.URLField(
        "公安机关备案查询地址",
        blank=True,
        help_text="留空则链接到全国互联网安全管理服务平台，按备案号查询。",
    )
    party_government_mark = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="党政机关网站标识",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="取得党政机关网站标识后上传（红色“党政机关”图标）；未上传则页脚不显示。",
    )
    party_government_mark_url = models.URLField(
        "党政机关网站标识验证地址",
        blank=True,
        help_text="点击标识时打开的验证页面（开办审核时由主管部门提供）。",
    )
    error_report_url = models.URLField(
        "“我为政府网站找错”地址",
        blank=True,
        default=ERROR_REPORT_URL,
        help_text="默认是国务院办公厅政府网站找错平台（自动带上网站标识码和当前页面地址）；也可填本县自己的纠错页面。留空则不显示。",
    )
    address = models.CharField("联系地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    phone = models.CharField("联系电话", max_length=60, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    government_hotline = models.CharField("政务服务便民热线", max_length=20, default="12345")
    procuratorate_hotline = models.CharField("检察服务热线", max_length=20, default="12309")
    service_hours = models.CharField(
        "服务时间", max_length=120, blank=True, default="工作日 8:30—12:00，14:30—18:00"
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("sponsor"), FieldPanel("organiser")],
            heading="网站名称与主办、承办",
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_code"),
                FieldPanel("icp_record"),
                FieldPanel("icp_record_url"),
                FieldPanel("police_record"),
                FieldPanel("police_record_url"),
                FieldPanel("party_government_mark"),
                FieldPanel("party_government_mark_url"),
                FieldPanel("error_report_url"),
            ],
            heading="网站标识与备案",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("service_hours"),
                FieldPanel("government_hotline"),
                FieldPanel("procuratorate_hotline"),
            ],
            heading="联系方式与热线",
        ),
        InlinePanel(
            "identity_translations",
            heading="外文版页头页脚",
            label="语言",
            help_text="英文版、藏文版页面的网站名称和页脚用这里的译文；某项未填时显示中文原文（并标注为中文）。",
        ),
    ]

    class Meta:
        verbose_name = "站点标识与页脚"

    @classmethod
    def for_request(cls, request):
        """Wagtail's, with the translations of the header and footer read in the same go, kept
        under the site's generation for anonymous readers (home/caching/)."""
        attribute = cls.get_cache_attr_name()
        site = getattr(request, "_wagtail_site", None)
        if hasattr(request, attribute) or site is None:
            return super().for_request(request)
        from django.db.models import prefetch_related_objects

        from home.caching.generation import kept

        def with_translations():
            found = cls.for_site(site)
            prefetch_related_objects([found], "identity_translations")
            return found

        found = kept(request, f"site-settings:{site.pk}", with_translations)
        found._request = request
        setattr(request, attribute, found)
        return found

    def localized(self, language_code: str) -> "LocalIdentity":
        """The identity as a page in this language shows it (translated fields where given)."""
        translation = None
        if not language_code.startswith("zh"):
            translation = next(
                (t for t in self.identity_translations.all() if t.language == language_code), None
            )
        return LocalIdentity(self, translation, original_language=language_code.startswith("zh"))

    def police_record_link(self) -> str:
        """The record's own query page: the one set, else the national platform with its number."""
        if self.police_record_url or not self.police_record:
            return self.police_record_url
        digits = "".join(ch for ch in self.police_record if ch.isdigit())
        return f"{POLICE_RECORD_QUERY_URL}?code={digits}" if digits else POLICE_RECORD_QUERY_URL

    def error_report_link(self, page_url: str) -> str:
        """我为政府网站找错: the national platform is told the site's 标识码 and the page."""
        if not self.error_report_url:
            return ""
        if self.error_report_url != ERROR_REPORT_URL:
            return self.error_report_url
        from urllib.parse import urlencode

        return f"{self.error_report_url}?{urlencode({'site_code': self.site_code, 'url': page_url})}"


TRANSLATED_IDENTITY_FIELDS = ("site_name", "sponsor", "organiser", "address", "service_hours")


class SiteIdentityTranslation(Orderable):
    """The footer and header of /en/ and /bo/: the site settings' words in another language."""

    site_settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="identity_translations")
    language = models.CharField(
        "语言",
        max_length=10,
        choices=[(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE],
    )
    site_name = models.CharField("网站名称", max_length=120, blank=True)
    sponsor = models.CharField("主办单位", max_length=200, blank=True)
    organiser = models.CharField("承办单位", max_length=200, blank=True)
    address = models.CharField("联系地址", max_length=300, blank=True)
    service_hours = models.CharField("服务时间", max_length=200, blank=True)

    panels = [FieldPanel("language"), *(FieldPanel(name) for name in TRANSLATED_IDENTITY_FIELDS)]

    class Meta(Orderable.Meta):
        verbose_name = "外文版页头页脚"
        constraints = [
            models.UniqueConstraint(
                fields=["site_settings", "language"], name="one_identity_translation_per_language"
            )
        ]


class LocalIdentity:
    """SiteSettings as one language shows them: translated words where staff gave them, the Chinese
    original (listed in `untranslated`, so templates mark it lang="zh-Hans") where not."""

    def __init__(self, site_settings: SiteSettings, translation, original_language: bool):
        self._settings = site_settings
        self.untranslated = set()
        for name in TRANSLATED_IDENTITY_FIELDS:
            original = getattr(site_settings, name)
            text = getattr(translation, name, "") if translation is not None else ""
            if not original_language and not text and original:
                self.untranslated.add(name)
            setattr(self, name, text or original)

    def __getattr__(self, name):
        return getattr(self._settings, name)


class SiteHealthRun(models.Model):
    """A stored 网站自查 result: the admin report shows the latest without re-running the checks on
    the request path (the weekly job and the "立即检查" button run them on the task queue)."""

    checked_at = models.DateTimeField("检查时间", db_index=True)
    problem_count = models.PositiveIntegerField("问题数")
    report = models.JSONField("检查结果")

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = "网站自查记录"
        verbose_name_plural = "网站自查记录"
        permissions = [("view_site_health", "查看网站自查（政府网站普查）报告并发起检查")]

    def __str__(self):
        return f"{self.checked_at:%Y-%m-%d %H:%M}：{self.problem_count} 个问题"


class SecurityEvent(models.Model):
    """安全审计日志: every login, logout, failed login and lockout, with who, from where and when
    (等保二级). Kept SECURITY_LOG_RETENTION_DAYS (never under 180) by the daily purge job."""

    class Kind(models.TextChoices):
        LOGIN = "login", "登录成功"
        LOGOUT = "logout", "退出登录"
        FAILED = "failed", "登录失败"
        LOCKED = "locked", "账号锁定"
        OTP_ADDED = "otp_added", "绑定或更换身份验证器"
        OTP_RESET = "otp_reset", "管理员重置两步验证"
        RESET_REQUESTED = "reset_req", "申请重设密码"
        RESET_DONE = "reset_done", "重设了密码"

    kind = models.CharField("事件", max_length=10, choices=Kind.choices, db_index=True)
    username = models.CharField("用户名", max_length=150, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField("来源地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)
    path = models.CharField("登录入口", max_length=300, blank=True)
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    detail = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "安全审计日志"
        verbose_name_plural = "安全审计日志"

    def __str__(self):
        return f"{self.local_time} {self.get_kind_display()} {self.username}"

    @property
    def local_time(self) -> str:
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M:%S}"


class SearchSynonym(models.Model):
    """同义词 for site search, kept by staff in the admin: a search for one term also finds the others
    (电信诈骗 ↔ 电信网络诈骗). Only the query is widened: no re-indexing is needed after a change."""

    terms = models.CharField(
        "同义词",
        max_length=200,
        unique=True,
        help_text="同一组意思相同的词，用顿号、逗号或空格分开，例如：电信诈骗、电信网络诈骗、电诈",
    )
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "搜索同义词"
        verbose_name_plural = "搜索同义词"

    def __str__(self):
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return [t for t in re.split(r"[、，,；;\s]+", self.terms) if t]

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(self.term_list) < 2:
            raise ValidationError({"terms": "一组同义词至少要有两个词，用顿号、逗号或空格分开。"})


class SearchTerm(models.Model):
    """What readers searched for and found something: the no-result page suggests the popular ones."""

    term = models.CharField("搜索词", max_length=60, unique=True)
    count = models.PositiveIntegerField("次数", default=0)
    last_searched = models.DateTimeField("最近一次", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-count"]
        verbose_name = "搜索词统计"
        verbose_name_plural = "搜索词统计"

    def __str__(self):
        return f"{self.term}（{self.count}）"


class CalendarDay(models.Model):
    """An exception to Monday–Friday: an official holiday on a weekday, or a weekend day made a
    working day by 调休 (国务院办公厅 publishes each year's arrangement in the autumn before)."""

    date = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField(
        "上班", default=False, help_text="勾选：调休上班的周末；不勾选：放假的工作日（法定节假日）。"
    )
    name = models.CharField("名称", max_length=40, help_text="例如：春节、国庆节调休上班")

    panels = [FieldPanel("date"), FieldPanel("is_working_day"), FieldPanel("name")]

    class Meta:
        ordering = ["date"]
        verbose_name = "工作日历"
        verbose_name_plural = "工作日历（节假日与调休）"

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}（{'上班' if self.is_working_day else '放假'}）"


class HolidayArrangement(models.Model):
    """Whether a year's holidays and 调休 in 工作日历 follow the 国务院办公厅's published notice. Until
    a year is confirmed, a working-day deadline that reaches into it is 暂定 (provisional)."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    confirmed = models.BooleanField(
        "已按国务院办公厅通知录入", default=False, help_text="录入当年全部放假和调休上班日期后勾选。"
    )
    source = models.CharField("依据", max_length=120, blank=True, help_text="例如：国办发明电〔2025〕7号")

    panels = [FieldPanel("year"), FieldPanel("confirmed"), FieldPanel("source")]

    class Meta:
        ordering = ["-year"]
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"

    def __str__(self):
        return f"{self.year}年（{'已确认' if self.confirmed else '暂定'}）"
