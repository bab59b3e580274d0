"""Starting rules for 案源分拣 (staff keep them in the admin: 设置 → 分拣规则) and the 类案 threshold
(5 in 30 days). The words are those county 12345 工单 use for each 公益诉讼 field."""

from django.db import migrations

RULES = [
    ("food_drug", "过期食品、过期、变质、食品安全、假药、药品、保健品、三无产品、地沟油、农药残留、无证经营、餐饮、食堂、霉变", "外卖送餐慢"),
    ("heritage", "文物、古建筑、石牌坊、长城、遗址、古墓、文保单位、历史建筑", ""),
    ("heroes", "烈士、英烈、烈士陵园、纪念碑、纪念设施", ""),
    ("accessibility", "无障碍、盲道、坡道、轮椅、残疾人通道、无障碍设施", ""),
    ("personal_info", "个人信息、信息泄露、泄露、骚扰电话、推销电话、冒用身份", ""),
    ("land_grant", "土地出让、出让金、闲置土地、土地出让金", ""),
    ("state_property", "国有资产、骗取补贴、套取、冒领、低保、养老金、医保基金、专项资金、扶贫资金、补贴资金", ""),
    ("safety", "安全隐患、燃气、液化气、消防通道、电动车充电、飞线充电、危化品、危险化学品、坍塌、危房、井盖、护栏、自建房", ""),
    ("environment", "倾倒、建筑垃圾、生活垃圾、垃圾、排污、污水、偷排、河道污染、河道垃圾、河道倾倒、黑臭、焚烧、秸秆、采砂、盗采、砍伐、林地、占用耕地、耕地、尾矿、扬尘、粉尘、废气、异味、污染、噪声污染", "垃圾分类宣传、垃圾清运费"),
    ("minors", "未成年人、中小学生、学生、幼儿园、网吧、酒吧、校外培训、校园", ""),
]  # fmt: skip


def seed(apps, schema_editor):
    SortingRule = apps.get_model("hotline", "SortingRule")
    AnalysisSettings = apps.get_model("hotline", "AnalysisSettings")
    if not SortingRule.objects.exists():
        for order, (field, words, exclusions) in enumerate(RULES, start=1):
            SortingRule.objects.create(field=field, words=words, exclusions=exclusions, order=order * 10)
    if not AnalysisSettings.objects.exists():
        AnalysisSettings.objects.create(cluster_count=5, cluster_days=30)


class Migration(migrations.Migration):
    dependencies = [("hotline", "0001_hotline")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
