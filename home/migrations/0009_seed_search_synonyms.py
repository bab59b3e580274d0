"""A county's starting list of search synonyms (staff edit it under 设置 → 搜索同义词)."""

from django.db import migrations

SYNONYMS = [
    ("电信诈骗、电信网络诈骗、电诈", "群众常说“电信诈骗”“电诈”"),
    ("市场监管、市场监督管理", "县市场监督管理局"),
    ("醉驾、醉酒驾驶", ""),
    ("酒驾、饮酒驾驶、酒后驾驶", ""),
    ("帮信罪、帮助信息网络犯罪活动罪", ""),
    ("非法集资、非法吸收公众存款、集资诈骗", ""),
    ("校园霸凌、校园欺凌", ""),
    ("家暴、家庭暴力", ""),
    ("欠薪、拖欠工资、拒不支付劳动报酬", "农民工工资"),
    ("食药安全、食品药品安全", ""),
    ("扫黑除恶、涉黑涉恶", ""),
    ("养老诈骗、养老领域诈骗", ""),
    ("高空抛物、高空坠物", ""),
    ("网贷、网络借贷", ""),
    ("知产、知识产权", ""),
    ("环保、环境保护、生态环境", ""),
    ("未成年人、未成年", ""),
    ("检察院、人民检察院、检察机关", ""),
    ("法院、人民法院、审判机关", ""),
    ("府检联动、府检联席会议", ""),
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("home", "SearchSynonym")
    for terms, note in SYNONYMS:
        SearchSynonym.objects.get_or_create(terms=terms, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("home", "0008_search_synonyms_and_terms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
