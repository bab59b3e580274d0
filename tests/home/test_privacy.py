import pytest
from django.core.exceptions import ValidationError

from home.privacy import anonymise_name, find_personal_info, valid_resident_id
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


def test_invalid_check_digit_and_ordinary_numbers_are_not_flagged():
    assert not valid_resident_id("110101199003071234")
    assert find_personal_info("身份证号110101199003071234") == []
    assert find_personal_info("涉案金额1200余万元，2025年3月14日，电话0935-7520000，12345热线") == []
    assert find_personal_info("卡号4111111111111112") == []  # fails Luhn


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
