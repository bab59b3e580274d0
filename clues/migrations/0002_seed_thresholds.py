"""The 立案追诉标准 lines the screen starts with, from 《最高人民检察院、公安部关于公安机关管辖的刑事
案件立案追诉标准的规定（一）》 (2008, as amended 2017): 第十六条 (生产、销售伪劣产品: 销售金额五万元
以上) and 第六十七条 (非法占用农用地: 基本农田五亩以上或者基本农田以外的耕地十亩以上; 防护林地或者
特种用途林地五亩以上; 其他林地十亩以上). Staff add the county's others in the admin."""

from decimal import Decimal

from django.db import migrations

BASIS_16 = "《立案追诉标准（一）》第十六条第（一）项"
BASIS_67 = "《立案追诉标准（一）》第六十七条第一款"
THRESHOLDS = [
    ("生产、销售伪劣产品（销售金额）", "伪劣产品、以假充真、以次充好、掺杂掺假、不合格产品冒充合格产品", "销售金额", "50000", "元", BASIS_16),
    ("非法占用农用地（永久基本农田）", "占用永久基本农田、占用基本农田", "占用面积", "5", "亩", f"{BASIS_67}第（一）项"),
    ("非法占用农用地（基本农田以外的耕地）", "占用耕地", "占用面积", "10", "亩", f"{BASIS_67}第（一）项"),
    ("非法占用农用地（防护林地、特种用途林地）", "占用防护林地、占用特种用途林地", "占用面积", "5", "亩", f"{BASIS_67}第（二）项"),
    ("非法占用农用地（其他林地）", "占用林地", "占用面积", "10", "亩", f"{BASIS_67}第（三）项"),
]


def seed(apps, schema_editor):
    Threshold = apps.get_model("clues", "ProsecutionThreshold")
    for name, keywords, measure, threshold, unit, basis in THRESHOLDS:
        Threshold.objects.get_or_create(
            name=name,
            defaults={
                "keywords": keywords,
                "measure": measure,
                "threshold": Decimal(threshold),
                "unit": unit,
                "legal_basis": basis,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("clues", "ProsecutionThreshold").objects.filter(name__in=[t[0] for t in THRESHOLDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("clues", "0001_penalties")]
    operations = [migrations.RunPython(seed, unseed)]
