"""Realistic 12345 / 12309 exports in the layouts centres produce, with personal data planted in
the ways people write it (full-width digits, spaces, hyphens, +86, a landline with its area code,
a plate with its dot, a house number under the village)."""

import io

from openpyxl import Workbook

# What must never be stored (the test searches the database, media and logs for each).
PLANTED = {
    "name": "张建国",
    "mobile": "13909351234",
    "mobile_written": "139 0935 1234",
    "mobile_fullwidth": "１３９０９３５５６７８",
    "landline": "0935-7521234",
    "id": "620321198507152318",
    "id_spaced": "620321 19850715 2318",
    "card": "6222021234567890123",
    "plate": "甘C·8A123",
    "house": "金川东路18号3单元502室",
}

ROWS = [
    # (number, received, category, sub, content, township, village, handler, status, closed, satisfaction, caller, phone)
    ("GD202611010001", "2026-11-01 08:12:30", "生态环境", "河道污染",
     f"来电人{PLANTED['name']}反映，城关镇北海子河道有人倾倒建筑垃圾，联系电话{PLANTED['mobile_written']}。",
     "城关镇", "北海子社区", "县水务局", "已办结", "2026-11-05", "满意", PLANTED["name"], PLANTED["mobile"]),
    ("GD202611010002", "2026/11/2 9:30", "市场监管", "食品安全",
     f"市民反映学校周边小卖部销售过期食品，身份证号{PLANTED['id_spaced']}，请尽快处理。",
     "河西堡镇", "新村", "县市场监督管理局", "办理中", "", "", "李四", PLANTED["mobile_fullwidth"]),
    ("GD202611010003", "2026年11月3日", "交通出行", "停车",
     f"车牌{PLANTED['plate']}长期占用消防通道，住址{PLANTED['house']}，电话{PLANTED['landline']}。",
     "城关镇", "金川社区", "县住建局", "已办结", "2026-11-04", "基本满意", "王五", PLANTED["landline"]),
    ("GD202611010004", "２０２６－１１－０４", "社会保障", "补贴",
     f"反映有人冒领养老金，银行卡号{PLANTED['card']}，身份证{PLANTED['id']}。",
     "朱王堡镇", "", "县人社局", "办理中", "", "", "赵六", "+86 139 0935 1234"),
    ("GD202611010005", "2026-11-05", "城乡建设", "物业",
     "小区电梯经常停运，物业不维修。", "城关镇", "", "县住建局", "已办结", "2026-11-08", "满意", "孙七", "13800000000"),
]  # fmt: skip


def one_row_header_xlsx() -> bytes:
    """A title row, a one-row header, blank rows, a footer."""
    book = Workbook()
    sheet = book.active
    sheet.append(["永昌县12345政务服务便民热线工单明细（2026年11月）"])
    sheet.append([])
    sheet.append(["工单编号", "来电时间", "来电人", "来电号码", "一级分类", "二级分类", "诉求内容", "所属乡镇",
                  "村（社区）", "承办单位", "办理状态", "办结时间", "满意度"])  # fmt: skip
    for r in ROWS:
        sheet.append([r[0], r[1], r[11], r[12], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]])
        sheet.append([])
    sheet.append(["制表人：县政务服务中心", None, None, None, None, None, f"联系电话：{PLANTED['mobile']}"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def two_row_header_xlsx() -> bytes:
    """A merged two-row header: 工单信息 over 工单号/受理时间, 诉求 over 诉求类型/问题描述, 办理 over …"""
    book = Workbook()
    sheet = book.active
    sheet.append(["工单信息", None, "诉求", None, "来电人信息", None, "事发地", None, "办理", None])
    sheet.append(
        [
            "工单号",
            "受理时间",
            "诉求类型",
            "问题描述",
            "姓名",
            "电话",
            "所属区域",
            "社区",
            "承办单位",
            "办理状态",
        ]
    )
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("C1:D1")
    sheet.merge_cells("E1:F1")
    sheet.merge_cells("G1:H1")
    sheet.merge_cells("I1:J1")
    for r in ROWS:
        sheet.append([r[0], r[1], r[2], r[4], r[11], r[12], r[5], r[6], r[7], r[8]])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def gb18030_csv(source="12309") -> bytes:
    """The 12309 system's CSV: GB18030, other column names, full-width digits in the dates."""
    lines = ["受理编号,登记时间,事项分类,反映内容,镇街,承办单位,工单状态,联系人,联系电话"]
    for r in ROWS:
        content = r[4].replace(",", "，")
        lines.append(f"JC-{r[0][-4:]},{r[1]},{r[2]},{content},{r[5]},{r[7]},{r[8]},{r[11]},{r[12]}")
    return ("\r\n".join(lines) + "\r\n").encode("gb18030")
