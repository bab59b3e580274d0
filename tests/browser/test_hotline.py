"""民生诉求研判 in a real browser, axe clean on each screen: the 政务服务中心's liaison uploads a
month's 12345 export, checks the mapping and the de-identified preview, confirms; the procuratorate
opens the month's 研判, turns its 类案 alert into a 公益诉讼线索; the centre's feedback list says so."""

import datetime

import pytest

from clues.models import Clue
from home.registries.roles import apply_roles
from hotline.models import Ticket
from hotline.roles import CENTRE
from internal.groups import PROCURATORATE_OFFICE
from tests.browser.helpers import log_in
from tests.browser.test_internal import make_user
from tests.hotline.exports import PLANTED

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ADMIN_MAIN = {"include": [["main"]], "exclude": [[".w-dialog"]]}


def month_export(month: datetime.date) -> bytes:
    """Last month's export: six 河道倾倒 in 东寨镇 within three weeks among ordinary 工单."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([f"永昌县12345热线工单（{month:%Y年%m月}）"])
    sheet.append(["工单编号", "来电时间", "来电人", "来电号码", "诉求内容", "所属乡镇", "承办单位"])
    for i in range(6):
        sheet.append([f"GD{month:%Y%m}{i:04d}", (month + datetime.timedelta(days=2 + i * 3)).isoformat(), PLANTED["name"],
                      PLANTED["mobile"], f"来电人{PLANTED['name']}反映东大河河道有人倾倒建筑垃圾，电话{PLANTED['mobile']}", "东寨镇", "县水务局"])  # fmt: skip
    for i in range(6, 20):
        sheet.append(
            [
                f"GD{month:%Y%m}{i:04d}",
                (month + datetime.timedelta(days=i)).isoformat(),
                "",
                "",
                "小区暖气不热",
                "城关镇",
                "县住建局",
            ]
        )
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_a_month_imported_an_alert_made_a_clue_and_fed_back(
    page, phone, live_server, site_tree, assert_accessible, today, tmp_path
):
    apply_roles()
    make_user("zhengwu", CENTRE)
    make_user("jianyi", PROCURATORATE_OFFICE)
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    export = tmp_path / f"12345-{month:%Y-%m}.xlsx"
    export.write_bytes(month_export(month))

    log_in(page, live_server, "zhengwu", next_url="/admin/hotline/import/")
    assert_accessible(page, "导入工单", context=ADMIN_MAIN)
    page.get_by_label("工单导出文件").set_input_files(str(export))
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url("**/admin/hotline/import/*/")
    main = page.locator("main").inner_text()
    assert "来电人张某某" in main and PLANTED["mobile"] not in main and PLANTED["name"] not in main
    assert_accessible(page, "确认列对应关系并预览", context=ADMIN_MAIN)
    page.get_by_role("button", name="确认并导入").click()
    page.wait_for_url("**/status/")
    assert "新增 20 件" in page.locator("main").inner_text()
    assert Ticket.objects.count() == 20
    page.wait_for_timeout(600)
    assert_accessible(page, "导入结果", context=ADMIN_MAIN)

    log_in(page, live_server, "jianyi", next_url=f"/admin/hotline/?start={month:%Y-%m}")
    assert "东寨镇 · 生态环境和资源保护：6 件" in page.locator("main").inner_text()
    assert_accessible(page, "民生诉求研判", context=ADMIN_MAIN)
    page.get_by_role("button", name="转为公益诉讼线索").first.click()
    page.wait_for_url("**/admin/clues/*/")
    clue = Clue.objects.get()
    assert Ticket.objects.filter(clue=clue).count() == 6 and clue.source == "12345"
    assert "初查中" in page.locator("main").inner_text()

    log_in(phone, live_server, "zhengwu", next_url=f"/admin/hotline/feedback/?month={month:%Y-%m}")
    assert f"已转为公益诉讼线索 {clue.number}" in phone.locator("main").inner_text()
    assert_accessible(phone, "月底反馈（手机）", context=ADMIN_MAIN)
