"""Demo 普法 content: taxonomies, case batches, 24 case examples, 12 campaigns and three forms."""

from home.demo_tools import DemoDates, ensure_child, translate_page
from home.registries.demo import DemoColumn, DemoContent, DemoUser, demo_columns, demo_content, demo_users

from .demo_data.campaigns import AREAS, CAMPAIGN_TRANSLATIONS, CAMPAIGNS, QUIZ_QUESTIONS, VENUES
from .demo_data.cases import BATCHES, CASES
from .models import (
    CampaignPage,
    CaseBatch,
    CaseExamplePage,
    FormField,
    FormKind,
    FormPage,
    LegalArea,
    Venue,
)
from .roles import PUBLICITY


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def load_taxonomies(dates: DemoDates) -> None:
    for order, (slug, name) in enumerate(VENUES):
        Venue.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, (slug, name) in enumerate(AREAS):
        LegalArea.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for number, title, released, units, description in BATCHES:
        CaseBatch.objects.update_or_create(
            number=number,
            defaults={
                "title": title,
                "release_date": dates(released),
                "issuing_units": units,
                "description": description,
            },
        )


def load_cases(index) -> dict[str, CaseExamplePage]:
    batches = {b.number: b for b in CaseBatch.objects.all()}
    areas = {a.slug: a for a in LegalArea.objects.all()}
    pages, per_batch, per_year = {}, {}, {}
    for batch, category, area, title, keywords, gist, facts, process, outcome, significance, laws in CASES:
        per_batch[batch] = per_batch.get(batch, 0) + 1
        released = batches[batch].release_date
        per_year[released.year] = per_year.get(released.year, 0) + 1
        fields = {
            "title": title,
            "case_number": f"永检典〔{released.year}〕{per_year[released.year]}号",
            "batch": batches[batch],
            "category": category,
            "legal_area": areas[area],
            "keywords": keywords,
            "gist": gist,
            "summary": gist[:120],
        }
        body = {
            "facts": _paragraphs(facts),
            "process": _paragraphs(process),
            "outcome": _paragraphs(outcome),
            "significance": _paragraphs(significance),
            "provisions": [
                ("law", {"law": law, "article": article, "text": text}) for law, article, text in laws
            ],
        }
        slug = f"case-{batch}-{per_batch[batch]}"
        page = ensure_child(index, CaseExamplePage, slug, create_only=body, published=released, **fields)
        pages[title] = page
    return pages


def load_campaigns(index, cases: dict[str, CaseExamplePage], dates: DemoDates) -> list[CampaignPage]:
    venues = {v.slug: v for v in Venue.objects.all()}
    areas = {a.slug: a for a in LegalArea.objects.all()}
    pages = []
    for (
        slug,
        title,
        start,
        end,
        place,
        organisers,
        venue_slugs,
        area_slugs,
        summary,
        paras,
        qas,
        related,
    ) in CAMPAIGNS:
        body = [("paragraph", _paragraphs(*paras))]
        body += [("qa", {"question": q, "answer": f"<p>{a}</p>"}) for q, a in qas]
        if related:
            body.append(("related_cases", {"title": "以案释法", "cases": [cases[t] for t in related]}))
        fields = {
            "title": title,
            "start_date": dates(start),
            "end_date": dates(end),
            "place": place,
            "organisers": organisers,
            "summary": summary,
        }
        published = min(dates(start), dates.today)
        page = ensure_child(
            index, CampaignPage, slug, create_only={"body": body}, published=published, **fields
        )
        if set(page.venues.values_list("slug", flat=True)) != set(venue_slugs) or set(
            page.legal_areas.values_list("slug", flat=True)
        ) != set(area_slugs):
            page.venues.set([venues[s] for s in venue_slugs])
            page.legal_areas.set([areas[s] for s in area_slugs])
            page.save_revision().publish()
        pages.append(page)
    return pages


def load_forms(index) -> list[FormPage]:
    forms = []
    quiz = ensure_child(
        index,
        FormPage,
        "anti-fraud-quiz",
        title="反电信网络诈骗知识有奖竞答",
        kind=FormKind.QUIZ,
        intro="<p>共5题，每题20分。提交后即可看到得分和正确答案，得分80分以上的前100名参与者可获得普法纪念品。</p>",
        thank_you_text="<p>感谢参与！纪念品领取方式将通过您留下的联系方式告知。</p>",
        retention_days=90,
    )
    if not quiz.form_fields.exists():
        FormField.objects.create(
            page=quiz, sort_order=0, label="姓名（可填昵称）", field_type="singleline", required=True
        )
        for order, (question, choices, answer) in enumerate(QUIZ_QUESTIONS, start=1):
            FormField.objects.create(
                page=quiz, sort_order=order, label=question, field_type="radio", required=True,
                choices="\n".join(choices), correct_answer=answer, points=20,
            )  # fmt: skip
        quiz.save_revision().publish()
    forms.append(quiz)

    forms.append(
        _ensure_form(
            index,
            "constitution-week-signup",
            [
                ("姓名", "singleline", True, ""),
                ("联系电话", "singleline", True, ""),
                ("工作单位", "singleline", False, ""),
                ("身份", "dropdown", True, "行政执法人员\n企业职工\n学生\n社区居民\n其他"),
            ],
            title="“12·4”国家宪法日法治讲座报名",
            kind=FormKind.SIGNUP,
            intro="<p>讲座时间：2026年12月4日上午9:30，地点：县委党校报告厅。名额200个，报满即止。</p>",
            thank_you_text="<p>报名成功！请按时参加。</p>",
            retention_days=60,
        )
    )
    forms.append(
        _ensure_form(
            index,
            "legal-consultation",
            [
                ("称呼", "singleline", True, ""),
                ("联系方式（电话或电子邮箱）", "singleline", True, ""),
                ("咨询类别", "dropdown", True, "电信网络诈骗\n未成年人保护\n劳动报酬\n生态环境\n其他"),
                ("咨询内容", "multiline", True, ""),
            ],
            title="法律咨询",
            kind=FormKind.CONSULTATION,
            intro="<p>检察官和公职律师将在5个工作日内答复。紧急情况请拨打110；检察服务热线12309。</p>",
            thank_you_text="<p>咨询已提交，我们会通过您留下的联系方式答复。</p>",
            retention_days=365,
        )
    )
    return forms


def _ensure_form(index, slug, fields, **page_fields) -> FormPage:
    """A form page with its fields [(label, type, required, choices)], created once."""
    page = ensure_child(index, FormPage, slug, **page_fields)
    if not page.form_fields.exists():
        for order, (label, kind, required, choices) in enumerate(fields):
            FormField.objects.create(
                page=page, sort_order=order, label=label, field_type=kind, required=required, choices=choices
            )
        page.save_revision().publish()
    return page


def translate_campaigns(campaigns: list[CampaignPage]) -> None:
    by_slug = {page.slug: page for page in campaigns}
    for slug, languages in CAMPAIGN_TRANSLATIONS.items():
        for code, strings in languages.items():
            translate_page(by_slug[slug], code, strings)


def load(columns) -> dict:
    dates = DemoDates.for_this_site()
    load_taxonomies(dates)
    cases = load_cases(columns["cases"])
    campaigns = load_campaigns(columns["campaigns"], cases, dates)
    translate_campaigns(campaigns)
    forms = load_forms(columns["campaigns"])
    return {"cases": cases, "campaigns": campaigns, "forms": forms}


def load_demo(columns) -> str:
    content = load(columns)
    return (
        f"{len(content['campaigns'])} 项普法活动，{len(content['cases'])} 个典型案例，"
        f"{len(content['forms'])} 个表单"
    )


demo_columns.register(
    DemoColumn(
        "campaigns.CampaignIndexPage",
        "campaigns",
        "普法活动",
        "“谁执法谁普法”：府检双方联合开展的法治宣传“进机关、进企业、进乡村、进校园、进社区、进网格”活动。",
        translations={
            "en": (
                "Legal education campaigns",
                "Joint legal-education activities in government offices, companies, villages, "
                "schools, communities and grid units.",
            ),
            "bo": (
                "ཁྲིམས་ལུགས་ཁྱབ་སྤེལ་བྱ་འགུལ།",
                "ལས་ཁུངས་དང་ཁེ་ལས། གྲོང་གསེབ། སློབ་གྲྭ། སྡོད་ཁུལ་བཅས་སུ་ཁྲིམས་ལུགས་ཁྱབ་སྤེལ་བྱེད་པ།",
            ),
        },
        order=10,
    )
)
demo_columns.register(
    DemoColumn(
        "campaigns.CaseIndexPage",
        "cases",
        "典型案例",
        "以案释法：县人民检察院会同有关部门分批发布的典型案例，当事人信息均已隐名处理。",
        translations={
            "en": (
                "Typical cases",
                "Typical cases released in batches by the county procuratorate with the departments "
                "concerned; parties are anonymised.",
            ),
            "bo": ("དཔེ་མཚོན་གྱོད་དོན།", "རྫོང་ཞིབ་དཔྱད་ཁང་གིས་རིམ་པ་ལྟར་གསལ་བསྒྲགས་བྱས་པའི་དཔེ་མཚོན་གྱོད་དོན།"),
        },
        order=11,
    )
)
demo_content.register(DemoContent("普法活动与典型案例", load_demo, order=20))
demo_users.register(DemoUser("xuanchuan", "宣传人员（演示）", (PUBLICITY,), order=10))
