import pytest
from django.core.exceptions import ValidationError

from home.security.privacy import anonymise_name, find_personal_info, valid_resident_id
from tests.factories import CaseExamplePageFactory


@pytest.mark.parametrize(
    ("text", "kind", "masked"),
    [
        ("当事人身份证号110101199003071233。", "居民身份证号码", "1101**********1233"),
        ("联系电话13812345678，", "手机号码", "138****5678"),
        ("联系电话：+86 138 1234 5678", "手机号码", "138****5678"),
        ("卡号4111111111111111", "银行卡号", "4111********1111"),
        ("卡号 4111 1111 1111 1111 请勿外传", "银行卡号", "4111********1111"),
    ],
)
def test_finds_and_masks_personal_numbers(text, kind, masked):
    assert [(f.kind, f.masked) for f in find_personal_info(text)] == [(kind, masked)]


def test_a_wrong_check_digit_is_still_an_id_and_ordinary_numbers_pass():
    assert not valid_resident_id("110101199003071234")
    assert [f.kind for f in find_personal_info("身份证号110101199003071234")] == ["居民身份证号码"]
    assert find_personal_info("涉案金额1200余万元，2025年3月14日，电话0935-7520000，12345热线") == []
    assert find_personal_info("卡号4111111111111112") == []  # fails Luhn


# (text as people write it, what the guard must find: "" for nothing)
TABLE = [
    # resident IDs: full-width, spaced, hyphenated, wrong check digit, lower-case x, inside text
    ("身份证号110105199001011234", "居民身份证号码"),  # wrong check digit: still a person's number
    ("身份证号１１０１０５１９９００１０１１２３４", "居民身份证号码"),
    ("证件号 110105 19900101 1234", "居民身份证号码"),
    ("证件号110105-1990-0101-1234", "居民身份证号码"),
    ("证件号 110105 1990 0101 123x", "居民身份证号码"),
    ("证件号６２０３２１２００００２２９００１Ｘ。", "居民身份证号码"),
    ("（身份证：620321200002290011）", "居民身份证号码"),
    # mobiles: full-width, +86 / ＋86 / 0086, separators
    ("电话１３８００１３８０００", "手机号码"),
    ("电话138-0013-8000", "手机号码"),
    ("电话 138 0013 8000", "手机号码"),
    ("电话138.0013.8000", "手机号码"),
    ("电话＋８６ １３８００１３８０００", "手机号码"),
    ("电话+86-138-0013-8000", "手机号码"),
    ("电话008613800138000", "手机号码"),
    ("电话8613800138000", "手机号码"),
    ("联系人王某（19912345678）", "手机号码"),
    # bank cards (Luhn), run together or in groups
    ("卡号6222021234567890128", "银行卡号"),
    ("卡号 6222 0212 3456 7890 128", "银行卡号"),
    ("卡号4111-1111-1111-1111", "银行卡号"),
    ("卡号４１１１１１１１１１１１１１１１", "银行卡号"),
    # ordinary numbers that must pass
    ("永检刑诉〔2026〕12号", ""),
    ("（2026）甘0321刑初12号", ""),
    ("永政发〔2026〕29号", ""),
    ("2026-03-26", ""),
    ("2026年3月26日至2026年12月31日", ""),
    ("2026-03-26 2026-12-31", ""),
    ("涉案金额1,234,567.89元", ""),
    ("罚款123456789012元", ""),
    ("服务电话0935-7520000，12345、12309热线", ""),
    ("邮编737200", ""),
    ("统一社会信用代码11620321MB1234567X", ""),
    ("索引号 11620321MB1234567X/2026-00029", ""),
    ("身份证号110105189901011234", ""),  # born 1899: not a plausible birth date
    ("编号990105199001011235", ""),  # no province 99 (and not a card: fails Luhn)
    ("编号110105199013011234", ""),  # month 13
    ("卡号4111111111111112", ""),  # fails Luhn
    ("截至2026年，共办理案件13800件，其中138件", ""),
    ("数值 13.8 、 0013 、 8000", ""),
]


def test_the_table_is_large_enough():
    assert len(TABLE) >= 30


@pytest.mark.parametrize(("text", "kind"), TABLE)
def test_the_detector_reads_numbers_as_people_write_them(text, kind):
    assert [f.kind for f in find_personal_info(text)] == ([kind] if kind else [])


@pytest.mark.django_db
def test_publish_forms_and_site_health_agree_on_every_row(site_tree):
    """The same detector behind the three: the publish check (a case), a form page's own text, and
    网站自查 over what is already published (pages saved past validation, as an import might)."""
    import datetime

    from campaigns.models import FormPage
    from home.health_checks import check_personal_data
    from tests.factories import CaseBatchFactory, FormPageFactory

    pages, batch = {}, CaseBatchFactory()
    for n, (text, kind) in enumerate(TABLE):
        case = CaseExamplePageFactory.build(title=f"案例{n}", slug=f"case-{n}", gist=text, batch=batch)
        try:
            site_tree["cases"].add_child(instance=case)  # saving a page validates it, as publishing does
            refused_case = False
        except ValidationError as exc:
            refused_case = exc.message_dict
        form = FormPage(title=f"表单{n}", slug=f"form-{n}", intro=f"<p>{text}</p>")
        try:
            site_tree["campaigns"].add_child(instance=form)
            refused_form = False
        except ValidationError as exc:
            refused_form = exc.message_dict
        assert bool(refused_case) == bool(refused_form) == bool(kind), (text, refused_case, refused_form)
        pages[n] = FormPageFactory(parent=site_tree["campaigns"], title=f"表单{n}", slug=f"f-{n}")
        FormPage.objects.filter(pk=pages[n].pk).update(intro=f"<p>{text}</p>")  # as an import might
    flagged = {p.page_id for p in check_personal_data(datetime.datetime.now(datetime.UTC))}
    for n, (text, kind) in enumerate(TABLE):
        assert (pages[n].pk in flagged) == bool(kind), text


def test_anonymised_names():
    assert anonymise_name("张三") == "张某"
    assert anonymise_name("张三丰") == "张某某"
    assert anonymise_name("欧阳明") == "欧阳某"
    assert anonymise_name("林小彬", keep_last=True) == "林某彬"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("facts", "<p>被告人身份证号110101199003071233。</p>", "居民身份证号码“1101**********1233”"),
        ("gist", "被害人电话13812345678。", "手机号码“138****5678”"),
        ("title", "卡号4111111111111111案", "银行卡号“4111********1111”"),
    ],
)
def test_case_with_personal_data_is_refused_by_model_validation(site_tree, field, value, needle):
    case = CaseExamplePageFactory.build(**{field: value})
    with pytest.raises(ValidationError) as caught:
        site_tree["cases"].add_child(instance=case)
    message = " ".join(caught.value.message_dict[field])
    assert needle in message
    assert "隐名" in message


@pytest.mark.django_db
def test_personal_data_inside_a_campaign_streamfield_is_refused(site_tree):
    from tests.factories import CampaignPageFactory

    page = CampaignPageFactory(parent=site_tree["campaigns"])
    page.body = [("qa", {"question": "怎么联系？", "answer": "<p>请拨打13812345678。</p>"})]
    with pytest.raises(ValidationError) as caught:
        page.save_revision()
    assert "活动内容" in caught.value.message_dict["body"][0]
